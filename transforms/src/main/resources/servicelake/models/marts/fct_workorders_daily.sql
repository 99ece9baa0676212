with work_orders as (
    select * from {{ ref('stg_events__workorder_completed') }}
),

daily as (
    select
        region,
        cast(completed_at as date) as completion_date,
        count(*) as work_orders,
        avg(labour_minutes) as mean_labour_minutes,
        sum(labour_minutes) as total_labour_minutes,
        avg(case when fixed then 1.0 else 0.0 end) as first_time_fix_rate
    from work_orders
    group by region, cast(completed_at as date)
)

select * from daily
