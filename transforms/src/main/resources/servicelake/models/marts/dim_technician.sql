with seen as (
    select technician_id, station_id, region, dispatched_at as seen_at from {{ ref('stg_events__workorder_dispatched') }}
    union all
    select technician_id, station_id, region, installed_at from {{ ref('stg_events__product_installed') }}
),

latest as (
    select *, row_number() over (partition by technician_id order by seen_at desc, station_id) as n
    from seen
),

final as (
    select technician_id, station_id, region
    from latest
    where n = 1
)

select * from final
