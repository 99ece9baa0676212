with shipped as (
    select * from {{ ref('stg_events__product_shipped') }}
),

latest as (
    select *, row_number() over (partition by model order by shipped_at desc, event_id) as n
    from shipped
),

units as (
    select model, count(distinct serial) as units_shipped from shipped group by model
),

final as (
    select
        l.model,
        l.product_line,
        l.sale_price,
        l.currency,
        size(from_json(l.components_json, 'array<struct<component:string>>')) as components,
        u.units_shipped
    from latest l
    join units u on u.model = l.model
    where l.n = 1
)

select * from final
