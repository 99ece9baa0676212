with events as (
    select occurred_at from {{ source('raw', 'all_events') }}
),

final as (
    select
        cast(max(occurred_at) as date) as as_of_date
    from events
)

select * from final
