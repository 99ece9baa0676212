with filed as (
    select *, row_number() over (partition by complaint_id order by filed_at, event_id) as n
    from {{ ref('stg_events__complaint_filed') }}
),

resolved as (
    select *, row_number() over (partition by complaint_id order by resolved_at desc, event_id) as n
    from {{ ref('stg_events__complaint_resolved') }}
),

routed as (
    select
        f.complaint_id,
        f.request_id,
        f.filed_at,
        f.serial,
        f.model,
        f.region,
        f.station_id,
        f.technician_id,
        f.work_order_id,
        f.cause_category,
        f.routed_department,
        case f.cause_category
            when 'quality' then 'rnd_production'
            when 'packaging' then 'warehouse_transport'
            when 'staff_conduct' then 'service_management'
            when 'dealer' then 'dealer_coordination'
            when 'major' then 'special_case'
        end as expected_department,
        f.severity,
        r.resolved_at,
        r.reply_hours,
        r.contacts,
        r.escalated,
        r.resolution,
        r.customer_satisfied
    from filed f
    left join resolved r on r.complaint_id = f.complaint_id and r.n = 1
    where f.n = 1
),

final as (
    select
        *,
        routed_department = expected_department as routed_correctly,
        resolved_at is not null as is_resolved,
        reply_hours <= 24 as replied_within_24h
    from routed
)

select * from final
