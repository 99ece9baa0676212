with consultations as (
    select
        r.*,
        lead(r.requested_at) over (partition by r.serial order by r.requested_at, r.request_id) as next_consultation_at
    from {{ ref('fct_service_request') }} r
    where r.category = 'consultation'
),

installs as (
    select
        *,
        customer_name is not null and customer_phone is not null and customer_address is not null as record_complete
    from {{ ref('stg_events__product_installed') }}
),

work_orders as (
    select * from {{ ref('int_work_orders') }}
),

outcomes as (
    select trunc(requested_at, 'MM') as month_start, region, 'n/a' as station_id, 'consultation_follow_through' as commitment,
        case when next_consultation_at is null or next_consultation_at > requested_at + interval 7 days then 1 else 0 end as kept
    from consultations
    union all
    select trunc(filed_at, 'MM'), region, coalesce(station_id, 'n/a'), 'complaint_reply',
        case when replied_within_24h then 1 else 0 end
    from {{ ref('int_complaints') }}
    union all
    select trunc(installed_at, 'MM'), region, station_id, 'installation_commissioning_pass',
        case when commissioning_result = 'pass' then 1 else 0 end
    from installs
    union all
    select trunc(signed_off_at, 'MM'), region, station_id, 'repair_pass',
        case when supervisor_rating >= 3 then 1 else 0 end
    from work_orders
    where job_kind = 'repair' and signed_off_at is not null
    union all
    select trunc(installed_at, 'MM'), region, station_id, 'customer_record_complete',
        case when record_complete then 1 else 0 end
    from installs
    where commissioning_result = 'pass'
    union all
    select trunc(arrived_at, 'MM'), region, station_id, 'on_site_arrival',
        case when arrived_at <= promised_arrival_at then 1 else 0 end
    from work_orders
    where arrived_at is not null
    union all
    select trunc(completed_at, 'MM'), region, station_id, 'on_time_completion',
        case when completed_at <= promised_fix_at then 1 else 0 end
    from work_orders
    where completed_at is not null
),

final as (
    select
        month_start,
        region,
        station_id,
        commitment,
        sum(kept) as kept,
        count(*) as total,
        round(sum(kept) / count(*), 6) as rate,
        1.0 as target_rate
    from outcomes
    group by month_start, region, station_id, commitment
)

select * from final
