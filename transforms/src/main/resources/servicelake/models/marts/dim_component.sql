with shipped as (
    select * from {{ ref('stg_events__product_shipped') }}
),

components as (
    select
        s.model,
        c.component,
        c.component_group,
        c.warranty_months,
        coalesce(c.supplier, 'in_house') as supplier,
        row_number() over (partition by s.model, c.component order by s.shipped_at desc, s.event_id) as n
    from shipped s
    lateral view explode(
        from_json(s.components_json,
            'array<struct<component:string,component_group:string,warranty_months:int,supplier:string>>')) e as c
),

final as (
    select model, component, component_group, warranty_months, supplier,
        supplier <> 'in_house' as is_purchased
    from components
    where n = 1
)

select * from final
