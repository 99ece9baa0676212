with failures as (
    select * from {{ ref('int_failures') }}
),

counted as (
    select model, component, failure_mode, count(*) as failures
    from failures
    group by model, component, failure_mode
),

ranked as (
    select
        *,
        sum(failures) over (partition by model) as model_failures,
        row_number() over (partition by model order by failures desc, component, failure_mode) as pareto_rank,
        sum(failures) over (partition by model order by failures desc, component, failure_mode
            rows between unbounded preceding and current row) as cumulative_failures
    from counted
),

final as (
    select
        model,
        component,
        failure_mode,
        failures,
        pareto_rank,
        round(failures / model_failures, 6) as share,
        round(cumulative_failures / model_failures, 6) as cumulative_share,
        cumulative_failures - failures < 0.8 * model_failures as in_top_80_percent
    from ranked
)

select * from final
