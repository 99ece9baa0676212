with requests as (
    select * from {{ ref('fct_service_request') }}
    where category = 'repair' and is_closed
),

final as (
    select
        trunc(signed_off_at, 'MM') as month_start,
        region,
        model,
        count(*) as repair_requests_closed,
        sum(case when no_fault_found then 1 else 0 end) as no_fault_found,
        round(avg(case when no_fault_found then 1.0D else 0.0D end), 6) as no_fault_found_rate,
        sum(case when not no_fault_found then 1 else 0 end) as fault_found,
        sum(case when first_time_fix then 1 else 0 end) as first_time_fixes,
        round(sum(case when first_time_fix then 1 else 0 end) / nullif(sum(case when not no_fault_found then 1 else 0 end), 0), 6) as first_time_fix_rate,
        sum(case when repeat_within_30d then 1 else 0 end) as repeat_repairs,
        round(avg(case when repeat_within_30d then 1.0D else 0.0D end), 6) as repeat_repair_rate
    from requests
    group by trunc(signed_off_at, 'MM'), region, model
)

select * from final
