with requests as (
    select *, row_number() over (partition by request_id order by requested_at, event_id) as n
    from {{ ref('stg_events__service_requested') }}
),

work_orders as (
    select * from {{ ref('int_work_orders') }}
),

visits as (
    select
        request_id,
        count(*) as work_orders,
        min(dispatched_at) as first_dispatched_at,
        min(arrived_at) as first_arrived_at,
        max(signed_off_at) as signed_off_at,
        max(case when is_closing_visit then visit end) as visits_to_fix,
        max(case when is_closing_visit then no_fault_found end) as no_fault_found,
        max(case when is_closing_visit then failed_component end) as failed_component,
        max(case when is_closing_visit then service_type end) as service_type,
        max(case when is_closing_visit then technician_id end) as closing_technician_id,
        max(station_id) as station_id,
        max(case when arrival_breached then 1 else 0 end) = 1 as any_arrival_breached
    from work_orders
    group by request_id
),

joined as (
    select
        r.request_id,
        cast(r.requested_at as date) as request_date,
        r.requested_at,
        r.channel,
        r.category,
        r.serial,
        r.model,
        r.region,
        r.priority,
        v.station_id,
        v.closing_technician_id,
        v.service_type,
        coalesce(v.work_orders, 0) as work_orders,
        v.first_dispatched_at,
        v.first_arrived_at,
        v.signed_off_at,
        v.visits_to_fix,
        v.no_fault_found,
        v.failed_component,
        coalesce(v.any_arrival_breached, false) as any_arrival_breached,
        lag(v.signed_off_at) over (partition by r.serial, r.category = 'repair' order by r.requested_at, r.request_id) as previous_repair_closed_at
    from requests r
    left join visits v on v.request_id = r.request_id
    where r.n = 1
),

final as (
    select
        request_id,
        request_date,
        requested_at,
        channel,
        category,
        serial,
        model,
        region,
        priority,
        station_id,
        closing_technician_id,
        service_type,
        work_orders,
        first_dispatched_at,
        first_arrived_at,
        signed_off_at,
        signed_off_at is not null as is_closed,
        visits_to_fix,
        no_fault_found,
        failed_component,
        category = 'repair' and signed_off_at is not null and not no_fault_found and visits_to_fix = 1 as first_time_fix,
        any_arrival_breached,
        round((unix_timestamp(first_dispatched_at) - unix_timestamp(requested_at)) / 60.0, 2) as response_minutes,
        round((unix_timestamp(first_arrived_at) - unix_timestamp(requested_at)) / 3600.0, 4) as request_to_arrival_hours,
        round((unix_timestamp(signed_off_at) - unix_timestamp(requested_at)) / 3600.0, 4) as request_to_sign_off_hours,
        signed_off_at <= requested_at + interval 24 hours as signed_off_within_24h,
        category = 'repair' and coalesce(previous_repair_closed_at >= requested_at - interval 30 days, false) as repeat_within_30d
    from joined
)

select * from final
