with installs as (
    select * from {{ ref('stg_events__product_installed') }}
    where commissioning_result = 'pass'
),

shipments as (
    select * from {{ ref('stg_events__product_shipped') }}
),

latest_install as (
    select
        *,
        row_number() over (partition by serial order by installed_at desc, event_id) as install_number
    from installs
),

latest_shipment as (
    select
        *,
        row_number() over (partition by serial order by shipped_at desc, event_id) as shipment_number
    from shipments
),

components as (
    select
        i.serial,
        i.model,
        i.region,
        i.station_id,
        i.install_date,
        s.ship_month,
        c.component,
        c.component_group,
        c.warranty_months,
        coalesce(c.supplier, 'in_house') as supplier
    from latest_install i
    left join latest_shipment s on s.serial = i.serial and s.shipment_number = 1
    lateral view explode(
        from_json(i.components_json,
            'array<struct<component:string,component_group:string,warranty_months:int,supplier:string>>')) e as c
    where i.install_number = 1
),

final as (
    select
        serial,
        model,
        region,
        station_id,
        install_date,
        ship_month,
        component,
        component_group,
        warranty_months,
        add_months(install_date, warranty_months) as warranty_end_date,
        supplier
    from components
)

select * from final
