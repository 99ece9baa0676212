with lines as (
    select part_number, component, model, supplier, unit_cost, consumed_at as at from {{ ref('stg_events__part_consumed') }}
    union all
    select part_number, component, model, supplier, unit_cost, returned_at from {{ ref('stg_events__part_returned') }}
),

latest as (
    select *, row_number() over (partition by part_number order by at desc, unit_cost) as n
    from lines
),

final as (
    select part_number, component, model, supplier, unit_cost as standard_cost
    from latest
    where n = 1
)

select * from final
