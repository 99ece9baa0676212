-- One scorecard computation for both scopes: every source row is fanned out to the technician and
-- the station it belongs to (stack), so the technician and station scorecards differ only in the
-- scope they select and cannot drift apart. The KPIs travel as one struct so that the two marts
-- expand it (kpis.*) instead of each listing every column again.
with work_orders as (
    select w.*, s.scope, s.subject_id
    from {{ ref('int_work_orders') }} w
    lateral view stack(2, 'technician', w.technician_id, 'station', w.station_id) s as scope, subject_id
    where w.completed_at is not null
),

jobs as (
    select
        trunc(completed_at, 'MM') as month_start,
        scope,
        subject_id,
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
    group by 1, 2, 3
),

-- a repeat is charged to whoever closed the request: the closing technician and the station
closed_repairs as (
    select
        r.signed_off_at,
        r.closing_technician_id,
        r.station_id,
        lead(r.requested_at) over (partition by r.serial order by r.requested_at, r.request_id) as next_repair_at,
        r.is_closed
    from {{ ref('fct_service_request') }} r
    where r.category = 'repair'
),

repeats as (
    select
        trunc(c.signed_off_at, 'MM') as month_start,
        s.scope,
        s.subject_id,
        count(*) as repairs_closed,
        sum(case when c.next_repair_at <= c.signed_off_at + interval 30 days then 1 else 0 end) as repairs_repeated
    from closed_repairs c
    lateral view stack(2, 'technician', c.closing_technician_id, 'station', c.station_id) s as scope, subject_id
    where c.is_closed
    group by 1, 2, 3
),

surveys as (
    select trunc(v.surveyed_at, 'MM') as month_start, s.scope, s.subject_id,
        count(*) as surveys, avg(v.csat) as mean_csat, sum(case when v.csat = 5 then 1 else 0 end) as praises
    from {{ ref('stg_events__survey_completed') }} v
    lateral view stack(2, 'technician', v.technician_id, 'station', v.station_id) s as scope, subject_id
    group by 1, 2, 3
),

-- a complaint counts against whoever it names (either may be missing)
complaints as (
    select trunc(c.filed_at, 'MM') as month_start, s.scope, s.subject_id, count(*) as complaints_against
    from {{ ref('int_complaints') }} c
    lateral view stack(2, 'technician', c.technician_id, 'station', c.station_id) s as scope, subject_id
    where s.subject_id is not null
    group by 1, 2, 3
),

-- the seller earns the individual 1.5 %, the station's department the 0.5 %
commission as (
    select p.month_start, s.scope, s.subject_id, sum(s.commission) as commission
    from {{ ref('fct_parts_commission') }} p
    lateral view stack(2,
        'technician', p.seller_id, p.individual_commission,
        'station', p.station_id, p.department_commission) s as scope, subject_id, commission
    group by 1, 2, 3
),

keys as (
    select month_start, scope, subject_id from jobs
    union
    select month_start, scope, subject_id from repeats
    union
    select month_start, scope, subject_id from surveys
    union
    select month_start, scope, subject_id from complaints
),

final as (
    select
        k.month_start,
        k.scope,
        k.subject_id,
        struct(
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
            coalesce(j.delay_fines, 0) as delay_fines
        ) as kpis,
        coalesce(pc.commission, 0) as commission
    from keys k
    left join jobs j using (month_start, scope, subject_id)
    left join repeats r using (month_start, scope, subject_id)
    left join surveys s using (month_start, scope, subject_id)
    left join complaints c using (month_start, scope, subject_id)
    left join commission pc using (month_start, scope, subject_id)
)

select * from final
