with units as (
    select serial, model, region, ship_month, install_date from {{ ref('dim_unit') }} where is_installed
),

components as (
    select model, component from {{ ref('dim_component') }}
),

as_of as (
    select as_of_date from {{ ref('int_as_of') }}
),

-- at risk from the install date to the as-of date, or to the replacement's ship date when exchanged
exposure_end as (
    select serial, max(exposure_end_date) as exposure_end_date
    from {{ ref('int_unit_components') }}
    where replaced_at is not null
    group by serial
),

exposure as (
    select
        u.model, c.component, u.region, u.ship_month,
        count(*) as units,
        sum(greatest(months_between(coalesce(x.exposure_end_date, a.as_of_date), u.install_date), 0)) as unit_months
    from units u
    join components c on c.model = u.model
    cross join as_of a
    left join exposure_end x on x.serial = u.serial
    group by u.model, c.component, u.region, u.ship_month
),

failures as (
    select model, component, region, ship_month,
        count(*) as failures,
        sum(case when in_warranty then 1 else 0 end) as in_warranty_failures
    from {{ ref('int_failures') }}
    group by model, component, region, ship_month
),

final as (
    select
        e.model,
        e.component,
        e.region,
        e.ship_month,
        e.units,
        round(e.unit_months, 4) as unit_months_at_risk,
        coalesce(f.failures, 0) as failures,
        coalesce(f.in_warranty_failures, 0) as in_warranty_failures,
        round(coalesce(f.failures, 0) / nullif(e.unit_months, 0), 8) as failures_per_unit_month,
        round(1000.0 * coalesce(f.failures, 0) / e.units, 4) as failures_per_1000_units
    from exposure e
    left join failures f
        on f.model = e.model and f.component = e.component and f.region = e.region and f.ship_month = e.ship_month
)

select * from final
