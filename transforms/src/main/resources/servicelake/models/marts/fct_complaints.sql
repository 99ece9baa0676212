with complaints as (
    select * from {{ ref('int_complaints') }}
),

-- a unit exchanged under the exchange rule leaves the installed base when its replacement ships
exchanged as (
    select serial, min(cast(replaced_at as date)) as replaced_on
    from {{ ref('int_unit_components') }}
    where replaced_at is not null
    group by serial
),

units as (
    select u.region, u.install_date, x.replaced_on
    from {{ ref('dim_unit') }} u
    left join exchanged x on x.serial = u.serial
    where u.is_installed
),

per_month as (
    select
        trunc(filed_at, 'MM') as month_start,
        region,
        cause_category,
        routed_department,
        count(*) as complaints,
        sum(case when not routed_correctly then 1 else 0 end) as misrouted,
        sum(case when severity = 'major' then 1 else 0 end) as major,
        avg(reply_hours) as mean_reply_hours,
        sum(case when replied_within_24h then 1 else 0 end) as replied_within_24h,
        sum(case when escalated then 1 else 0 end) as escalated,
        sum(case when is_resolved then 1 else 0 end) as resolved,
        sum(case when customer_satisfied then 1 else 0 end) as satisfied
    from complaints
    group by trunc(filed_at, 'MM'), region, cause_category, routed_department
),

base as (
    select p.month_start, p.region, count(u.install_date) as installed_units
    from (select distinct month_start, region from per_month) p
    left join units u on u.region = p.region and u.install_date <= last_day(p.month_start)
        and not coalesce(u.replaced_on <= last_day(p.month_start), false)
    group by p.month_start, p.region
),

final as (
    select
        p.month_start,
        p.region,
        p.cause_category,
        p.routed_department,
        p.complaints,
        b.installed_units,
        round(1000.0 * p.complaints / nullif(b.installed_units, 0), 4) as complaints_per_1000_units,
        p.misrouted,
        p.major,
        round(p.mean_reply_hours, 4) as mean_reply_hours,
        p.replied_within_24h,
        p.escalated,
        p.resolved,
        round(p.resolved / p.complaints, 6) as resolution_rate,
        p.satisfied
    from per_month p
    join base b on b.month_start = p.month_start and b.region = p.region
)

select * from final
