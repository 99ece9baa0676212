with consumed as (
    select * from {{ ref('stg_events__part_consumed') }}
),

returned as (
    select * from {{ ref('stg_events__part_returned') }}
),

lines as (
    select trunc(consumed_at, 'MM') as month_start, supplier, part_number,
        quantity as purchased_used, case when defective then quantity else 0 end as dead_on_arrival, 0 as failed_in_field
    from consumed
    union all
    select trunc(returned_at, 'MM'), supplier, part_number,
        0, 0, case when reason = 'replaced_failed' and defective then quantity else 0 end
    from returned
),

final as (
    select
        month_start,
        supplier,
        part_number,
        sum(purchased_used) as parts_used,
        sum(dead_on_arrival) as dead_on_arrival,
        sum(failed_in_field) as failed_in_field,
        sum(dead_on_arrival) + sum(failed_in_field) as defective_parts,
        round((sum(dead_on_arrival) + sum(failed_in_field)) / nullif(sum(purchased_used), 0), 6) as defective_per_part_used
    from lines
    group by month_start, supplier, part_number
)

select * from final
