with shipped as (
    select * from {{ ref('stg_events__product_shipped') }}
),

-- units shipped to replace an exchanged one (replaces_serial) are not sales: they carry no price
-- and keep shipping after the model went out of production
sales as (
    select * from shipped where replaces_serial is null
),

latest as (
    select
        *,
        row_number() over (
            partition by model
            order by case when replaces_serial is null then 0 else 1 end, shipped_at desc, event_id) as n
    from shipped
),

units as (
    select model, count(distinct serial) as units_shipped from shipped group by model
),

last_sale as (
    select model, to_date(max(ship_month) || '-01') as last_ship_month from sales group by model
),

final as (
    select
        l.model,
        l.product_line,
        l.sale_price,
        l.currency,
        size(from_json(l.components_json, 'array<struct<component:string>>')) as components,
        u.units_shipped,
        s.last_ship_month
    from latest l
    join units u on u.model = l.model
    left join last_sale s on s.model = l.model
    where l.n = 1
)

select * from final
