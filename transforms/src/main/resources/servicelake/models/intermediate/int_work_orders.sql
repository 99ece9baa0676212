with dispatched as (
    select * from {{ ref('stg_events__workorder_dispatched') }}
),

arrived as (
    select *, row_number() over (partition by work_order_id order by arrived_at desc, event_id) as n
    from {{ ref('stg_events__workorder_arrived') }}
),

completed as (
    select *, row_number() over (partition by work_order_id order by completed_at desc, event_id) as n
    from {{ ref('stg_events__workorder_completed') }}
),

signed_off as (
    select *, row_number() over (partition by work_order_id order by signed_off_at desc, event_id) as n
    from {{ ref('stg_events__workorder_signed_off') }}
),

first_dispatch as (
    select *, row_number() over (partition by work_order_id order by dispatched_at, event_id) as n
    from dispatched
),

lifecycle as (
    select
        d.work_order_id,
        d.request_id,
        d.serial,
        d.model,
        d.region,
        d.station_id,
        d.technician_id,
        d.visit,
        d.job_kind,
        d.service_type,
        d.repair_mode,
        d.priority,
        d.distance_class,
        d.sla_hours,
        d.requested_at,
        d.dispatched_at,
        d.promised_arrival_at,
        a.arrived_at,
        d.promised_fix_at,
        c.completed_at,
        s.signed_off_at,
        a.travel_km,
        c.labour_minutes,
        c.fixed,
        c.no_fault_found,
        c.failure_mode,
        c.failed_component,
        c.root_cause,
        s.supervisor_rating,
        s.amount_charged
    from first_dispatch d
    left join arrived a on a.work_order_id = d.work_order_id and a.n = 1
    left join completed c on c.work_order_id = d.work_order_id and c.n = 1
    left join signed_off s on s.work_order_id = d.work_order_id and s.n = 1
    where d.n = 1
),

final as (
    select
        *,
        signed_off_at is not null as is_closing_visit,
        arrived_at > promised_arrival_at as arrival_breached,
        case when arrived_at > promised_arrival_at then promised_arrival_at end as arrival_breached_at,
        completed_at > promised_fix_at as fix_breached,
        case when completed_at > promised_fix_at then promised_fix_at end as fix_breached_at,
        round((unix_timestamp(dispatched_at) - unix_timestamp(requested_at)) / 60.0, 2) as response_minutes,
        round((unix_timestamp(arrived_at) - unix_timestamp(requested_at)) / 3600.0, 4) as request_to_arrival_hours,
        round((unix_timestamp(completed_at) - unix_timestamp(arrived_at)) / 60.0, 2) as arrival_to_fix_minutes,
        round((unix_timestamp(arrived_at) - unix_timestamp(promised_arrival_at)) / 3600.0, 4) as arrival_delay_hours
    from lifecycle
)

select * from final
