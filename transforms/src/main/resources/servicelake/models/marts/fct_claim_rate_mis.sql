with units as (
    select serial, model, ship_month, install_date from {{ ref('dim_unit') }} where is_installed
),

as_of as (
    select as_of_date from {{ ref('int_as_of') }}
),

-- months in service are counted to the as-of date, or to the replacement's ship date when the unit
-- was exchanged (it leaves the installed base and stops accruing months)
exposure_end as (
    select serial, max(exposure_end_date) as exposure_end_date
    from {{ ref('int_unit_components') }}
    where replaced_at is not null
    group by serial
),

claims as (
    select serial, months_in_service from {{ ref('int_failures') }} where in_warranty
),

aged as (
    select
        u.*,
        cast(floor(months_between(coalesce(x.exposure_end_date, a.as_of_date), u.install_date)) as int) as age_months
    from units u
    cross join as_of a
    left join exposure_end x on x.serial = u.serial
),

mis as (
    select explode(sequence(1, greatest(max(age_months), 1))) as mis_months from aged
),

-- counted per cohort and age first, then expanded over the months in service: the work grows with
-- cohorts × ages × months, not with units × months (a 10 M-event history has a million units)
unit_ages as (
    select ship_month, model, age_months, count(*) as units
    from aged
    group by ship_month, model, age_months
),

claim_ages as (
    select a.ship_month, a.model, a.age_months, c.months_in_service, count(*) as claims
    from aged a
    join claims c on c.serial = a.serial
    group by a.ship_month, a.model, a.age_months, c.months_in_service
),

units_at as (
    select u.ship_month, u.model, m.mis_months, sum(u.units) as units
    from unit_ages u
    join mis m on u.age_months >= m.mis_months
    group by u.ship_month, u.model, m.mis_months
),

-- a claim counts at k months in service when it came before month k of a unit that has reached k
claims_within as (
    select c.ship_month, c.model, m.mis_months, sum(c.claims) as claims
    from claim_ages c
    join mis m on c.age_months >= m.mis_months and c.months_in_service < m.mis_months
    group by c.ship_month, c.model, m.mis_months
),

final as (
    select
        u.ship_month,
        u.model,
        u.mis_months,
        u.units as units_with_mis,
        coalesce(c.claims, 0) as claims,
        round(1000.0 * coalesce(c.claims, 0) / u.units, 4) as claims_per_1000
    from units_at u
    left join claims_within c
        on c.ship_month = u.ship_month and c.model = u.model and c.mis_months = u.mis_months
)

select * from final
