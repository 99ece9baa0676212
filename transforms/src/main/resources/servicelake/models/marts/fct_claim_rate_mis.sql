with units as (
    select serial, model, ship_month, install_date from {{ ref('dim_unit') }} where is_installed
),

as_of as (
    select as_of_date from {{ ref('int_as_of') }}
),

claims as (
    select serial, months_in_service from {{ ref('int_failures') }} where in_warranty
),

aged as (
    select u.*, cast(floor(months_between(a.as_of_date, u.install_date)) as int) as age_months
    from units u cross join as_of a
),

mis as (
    select explode(sequence(1, greatest(max(age_months), 1))) as mis_months from aged
),

unit_mis as (
    select a.serial, a.model, a.ship_month, m.mis_months
    from aged a
    join mis m on a.age_months >= m.mis_months
),

claims_within as (
    select um.ship_month, um.model, um.mis_months, count(c.serial) as claims
    from unit_mis um
    join claims c on c.serial = um.serial and c.months_in_service < um.mis_months
    group by um.ship_month, um.model, um.mis_months
),

units_at as (
    select ship_month, model, mis_months, count(*) as units
    from unit_mis
    group by ship_month, model, mis_months
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
