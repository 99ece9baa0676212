with closed as (
    select * from {{ ref('stg_events__workorder_signed_off') }}
    where job_kind = 'repair' and not no_fault_found and failed_component is not null
),

requests as (
    select request_id, min(requested_at) as requested_at
    from {{ ref('stg_events__service_requested') }}
    group by request_id
),

coverage as (
    select * from {{ ref('int_unit_components') }}
),

claims as (
    select
        c.request_id,
        c.work_order_id,
        c.serial,
        c.model,
        c.region,
        c.station_id,
        c.failed_component as component,
        c.failure_mode,
        c.root_cause,
        c.service_type,
        c.visits,
        coalesce(r.requested_at, c.signed_off_at) as failed_at,
        c.signed_off_at
    from closed c
    left join requests r on r.request_id = c.request_id
),

with_coverage as (
    select
        cl.*,
        cast(cl.failed_at as date) as failure_date,
        w.install_date,
        w.ship_month,
        w.warranty_months,
        w.warranty_end_date,
        w.supplier,
        cast(cl.failed_at as date) < w.warranty_end_date as in_warranty,
        cast(floor(months_between(cast(cl.failed_at as date), w.install_date)) as int) as months_in_service
    from claims cl
    left join coverage w on w.serial = cl.serial and w.component = cl.component
),

sequenced as (
    select
        *,
        lag(signed_off_at) over (partition by serial order by failed_at, request_id) as previous_closed_at,
        sum(case when in_warranty then 1 else 0 end) over (
            partition by serial order by failed_at, request_id
            rows between unbounded preceding and current row) as in_warranty_failure_number
    from with_coverage
),

final as (
    select
        request_id,
        work_order_id,
        serial,
        model,
        region,
        station_id,
        component,
        failure_mode,
        root_cause,
        service_type,
        visits,
        failed_at,
        failure_date,
        install_date,
        ship_month,
        warranty_months,
        warranty_end_date,
        supplier,
        coalesce(in_warranty, false) as in_warranty,
        months_in_service,
        coalesce(previous_closed_at >= failed_at - interval 30 days, false) as repeat_within_30d,
        case when in_warranty then in_warranty_failure_number end as in_warranty_failure_number
    from sequenced
)

select * from final
