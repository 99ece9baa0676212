with seen as (
    select station_id, region, dispatched_at as seen_at from {{ ref('stg_events__workorder_dispatched') }}
    union all
    select station_id, region, installed_at from {{ ref('stg_events__product_installed') }}
    union all
    select station_id, region, posted_at from {{ ref('stg_events__cost_posted') }}
),

latest as (
    select station_id, region, row_number() over (partition by station_id order by seen_at desc, region) as n
    from seen
),

final as (
    select station_id, region, concat('STORE-', station_id) as store_id
    from latest
    where n = 1
)

select * from final
