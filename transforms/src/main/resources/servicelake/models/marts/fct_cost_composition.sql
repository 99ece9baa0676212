with postings as (
    select * from {{ ref('stg_events__cost_posted') }}
),

final as (
    select
        to_date(concat(period, '-01')) as month_start,
        region,
        category,
        coalesce(service_type, 'overhead') as service_type,
        count(*) as postings,
        sum(amount) as amount,
        round(sum(amount) / sum(sum(amount)) over (partition by period, region), 6) as share_of_region_month
    from postings
    group by period, region, category, coalesce(service_type, 'overhead')
)

select * from final
