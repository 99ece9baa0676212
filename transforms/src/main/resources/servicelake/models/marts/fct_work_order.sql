with work_orders as (
    select * from {{ ref('int_work_orders') }}
),

costs as (
    select * from {{ ref('int_work_order_costs') }}
),

parts as (
    select work_order_id, sum(quantity * unit_cost) as parts_cost
    from {{ ref('stg_events__part_consumed') }}
    where work_order_id is not null
    group by work_order_id
),

final as (
    select
        w.work_order_id,
        w.request_id,
        cast(w.dispatched_at as date) as dispatch_date,
        w.serial,
        w.model,
        w.region,
        w.station_id,
        w.technician_id,
        w.visit,
        w.job_kind,
        case w.service_type when 'warranty' then 'free' else w.service_type end as billing,
        w.service_type,
        w.repair_mode,
        w.priority,
        w.requested_at,
        w.dispatched_at,
        w.promised_arrival_at,
        w.arrived_at,
        w.promised_fix_at,
        w.completed_at,
        w.signed_off_at,
        coalesce(w.arrival_breached, false) as arrival_breached,
        w.arrival_breached_at,
        coalesce(w.fix_breached, false) as fix_breached,
        w.fix_breached_at,
        w.response_minutes,
        w.request_to_arrival_hours,
        w.arrival_to_fix_minutes,
        w.fixed,
        w.no_fault_found,
        w.failure_mode,
        w.failed_component,
        w.root_cause,
        w.labour_minutes,
        w.travel_km,
        coalesce(p.parts_cost, 0) as parts_cost,
        coalesce(c.labour_cost, 0) as labour_cost,
        coalesce(c.transport_cost, 0) as transport_cost,
        coalesce(c.direct_cost, 0) as direct_cost,
        coalesce(c.allocated_overhead, 0) as allocated_overhead,
        w.amount_charged,
        w.supervisor_rating
    from work_orders w
    left join costs c on c.work_order_id = w.work_order_id
    left join parts p on p.work_order_id = w.work_order_id
)

select * from final
