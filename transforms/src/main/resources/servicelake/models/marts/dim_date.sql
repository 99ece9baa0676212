with bounds as (
    select min(event_date) as first_date, max(event_date) as last_date
    from (
        select cast(occurred_at as date) as event_date from {{ source('raw', 'all_events') }}
    )
),

days as (
    select explode(sequence(trunc(first_date, 'YEAR'), last_day(add_months(trunc(last_date, 'YEAR'), 11)), interval 1 day)) as date_day
    from bounds
    where first_date is not null
),

final as (
    select
        date_day,
        year(date_day) as year,
        quarter(date_day) as quarter,
        month(date_day) as month_of_year,
        trunc(date_day, 'MM') as month_start,
        date_format(date_day, 'yyyy-MM') as year_month,
        weekofyear(date_day) as iso_week,
        dayofweek(date_day) as day_of_week,
        dayofweek(date_day) in (1, 7) as is_weekend
    from days
)

select * from final
