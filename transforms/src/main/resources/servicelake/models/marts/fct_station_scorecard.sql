with work_orders as (
    select * from {{ ref('int_work_orders') }}
    where completed_at is not null
),

jobs as (
    select
        trunc(completed_at, 'MM') as month_start,
        station_id,
        count(*) as jobs_completed,
        count(distinct cast(completed_at as date)) as working_days,
        avg(arrival_to_fix_minutes) as mttr_minutes,
        sum(case when job_kind = 'repair' and not no_fault_found then 1 else 0 end) as repair_visits,
        sum(case when job_kind = 'repair' and not no_fault_found and fixed then 1 else 0 end) as repair_visits_fixed,
        avg(request_to_arrival_hours) as mean_response_hours,
        sum(case when arrival_breached then 1 else 0 end) as arrival_breaches,
        sum(case when arrival_breached then
            case when arrival_delay_hours <= 4 then 100 when arrival_delay_hours <= 24 then 300 else 500 end
            else 0 end) as delay_fines
    from work_orders
    group by trunc(completed_at, 'MM'), station_id
),

closed_repairs as (
    select
        r.*,
        lead(r.requested_at) over (partition by r.serial order by r.requested_at, r.request_id) as next_repair_at
    from {{ ref('fct_service_request') }} r
    where r.category = 'repair'
),

repeats as (
    select
        trunc(c.signed_off_at, 'MM') as month_start,
        c.station_id as station_id,
        count(*) as repairs_closed,
        sum(case when c.next_repair_at <= c.signed_off_at + interval 30 days then 1 else 0 end) as repairs_repeated
    from closed_repairs c
    where c.is_closed
    group by 1, 2
),

surveys as (
    select trunc(surveyed_at, 'MM') as month_start, station_id,
        count(*) as surveys, avg(csat) as mean_csat, sum(case when csat = 5 then 1 else 0 end) as praises
    from {{ ref('stg_events__survey_completed') }}
    group by trunc(surveyed_at, 'MM'), station_id
),

complaints as (
    select trunc(filed_at, 'MM') as month_start, station_id, count(*) as complaints_against
    from {{ ref('int_complaints') }}
    where station_id is not null
    group by trunc(filed_at, 'MM'), station_id
),

commission as (
    select month_start, station_id, sum(department_commission) as department_commission
    from {{ ref('fct_parts_commission') }}
    group by month_start, station_id
),

keys as (
    select month_start, station_id from jobs
    union
    select month_start, station_id from repeats
    union
    select month_start, station_id from surveys
    union
    select month_start, station_id from complaints
),

final as (
    select
        k.month_start,
        k.station_id,
        coalesce(j.jobs_completed, 0) as jobs_completed,
        coalesce(j.working_days, 0) as working_days,
        round(j.jobs_completed / nullif(j.working_days, 0), 4) as jobs_per_day,
        round(j.mttr_minutes, 2) as mttr_minutes,
        coalesce(j.repair_visits, 0) as repair_visits,
        round(j.repair_visits_fixed / nullif(j.repair_visits, 0), 6) as first_time_fix_rate,
        coalesce(r.repairs_closed, 0) as repairs_closed,
        coalesce(r.repairs_repeated, 0) as repairs_repeated,
        round(r.repairs_repeated / nullif(r.repairs_closed, 0), 6) as repeat_rate,
        round(j.mean_response_hours, 4) as mean_response_hours,
        coalesce(j.arrival_breaches, 0) as arrival_breaches,
        round(1 - j.arrival_breaches / nullif(j.jobs_completed, 0), 6) as sla_on_time_rate,
        coalesce(s.surveys, 0) as surveys,
        round(s.mean_csat, 4) as mean_csat,
        coalesce(c.complaints_against, 0) as complaints_against,
        coalesce(s.praises, 0) as praises,
        300 * coalesce(s.praises, 0) as praise_rewards,
        coalesce(j.delay_fines, 0) as delay_fines,
        coalesce(pc.department_commission, 0) as department_commission
    from keys k
    left join jobs j on j.month_start = k.month_start and j.station_id = k.station_id
    left join repeats r on r.month_start = k.month_start and r.station_id = k.station_id
    left join surveys s on s.month_start = k.month_start and s.station_id = k.station_id
    left join complaints c on c.month_start = k.month_start and c.station_id = k.station_id
    left join commission pc on pc.month_start = k.month_start and pc.station_id = k.station_id
)

select * from final
