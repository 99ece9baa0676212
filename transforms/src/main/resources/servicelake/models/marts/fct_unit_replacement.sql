with failures as (
    select * from {{ ref('int_failures') }} where in_warranty
),

per_unit as (
    select
        serial,
        max(model) as model,
        max(region) as region,
        count(*) as in_warranty_failures,
        max(case when in_warranty_failure_number = 2 then failure_date end) as second_failure_date,
        max(case when in_warranty_failure_number = 2 then request_id end) as second_failure_request_id
    from failures
    group by serial
),

final as (
    select *
    from per_unit
    where in_warranty_failures >= 2
)

select * from final
