with installs as (
    select * from {{ ref('stg_events__product_installed') }}
    where commissioning_result = 'pass'
),

shipments as (
    select * from {{ ref('stg_events__product_shipped') }}
),

as_of as (
    select as_of_date from {{ ref('int_as_of') }}
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

-- exchange rule: a replacement unit names the serial it replaces; the replaced unit leaves the
-- installed base when its replacement ships, so its components stop being at risk then
exchanges as (
    select
        replaces_serial as serial,
        serial as replaced_by_serial,
        shipped_at as replaced_at,
        row_number() over (partition by replaces_serial order by shipped_at, event_id) as exchange_number
    from shipments
    where replaces_serial is not null
),

components as (
    select
        i.serial,
        i.model,
        i.region,
        i.station_id,
        i.install_date,
        s.ship_month,
        x.replaced_by_serial,
        x.replaced_at,
        c.component,
        c.component_group,
        c.warranty_months,
        coalesce(c.supplier, 'in_house') as supplier
    from latest_install i
    left join latest_shipment s on s.serial = i.serial and s.shipment_number = 1
    left join exchanges x on x.serial = i.serial and x.exchange_number = 1
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
        supplier,
        replaced_by_serial,
        replaced_at,
        least(a.as_of_date, coalesce(cast(replaced_at as date), a.as_of_date)) as exposure_end_date
    from components
    cross join as_of a
)

select * from final
