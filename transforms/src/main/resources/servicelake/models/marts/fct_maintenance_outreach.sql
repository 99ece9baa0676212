with coverage as (
    select
        serial,
        min(warranty_end_date) as warranty_expired_on,
        max(warranty_end_date) as last_warranty_end,
        max(replaced_by_serial) as replaced_by_serial
    from {{ ref('int_unit_components') }}
    group by serial
),

units as (
    select * from {{ ref('dim_unit') }} where is_installed
),

contracts as (
    select *, row_number() over (partition by serial order by sold_at desc, event_id) as n
    from {{ ref('stg_events__contract_sold') }}
),

expired as (
    select distinct contract_id from {{ ref('stg_events__contract_expired') }}
),

as_of as (
    select as_of_date from {{ ref('int_as_of') }}
),

final as (
    select
        u.serial,
        u.model,
        u.region,
        u.station_id,
        u.customer_id,
        c.warranty_expired_on,
        c.warranty_expired_on <= a.as_of_date as warranty_expired,
        k.contract_id as latest_contract_id,
        cast(k.sold_at as date) as latest_contract_sold_on,
        k.contract_id is not null and e.contract_id is null and k.end_date >= a.as_of_date as has_active_contract,
        c.replaced_by_serial is null
            and c.warranty_expired_on <= a.as_of_date
            and not coalesce(k.contract_id is not null and e.contract_id is null and k.end_date >= a.as_of_date, false) as outreach_target
    from units u
    join coverage c on c.serial = u.serial
    cross join as_of a
    left join contracts k on k.serial = u.serial and k.n = 1
    left join expired e on e.contract_id = k.contract_id
)

select * from final
