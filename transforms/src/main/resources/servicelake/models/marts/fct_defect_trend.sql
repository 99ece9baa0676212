with failures as (
    select * from {{ ref('int_failures') }}
),

final as (
    select
        trunc(failure_date, 'MM') as month_start,
        ship_month,
        model,
        component,
        root_cause,
        count(*) as failures,
        sum(case when in_warranty then 1 else 0 end) as in_warranty_failures,
        sum(case when root_cause in ('material_defect', 'assembly_defect', 'design') then 1 else 0 end) as manufacturing_or_design_failures
    from failures
    group by trunc(failure_date, 'MM'), ship_month, model, component, root_cause
)

select * from final
