with sold as (
    select trunc(sold_at, 'MM') as month_start, region,
        count(*) as contracts_sold, sum(case when renewal then 1 else 0 end) as renewals, sum(fee) as fees
    from {{ ref('stg_events__contract_sold') }}
    group by trunc(sold_at, 'MM'), region
),

expired as (
    select trunc(expired_at, 'MM') as month_start, region,
        count(*) as contracts_expired, sum(case when renewed then 1 else 0 end) as renewed_at_expiry
    from {{ ref('stg_events__contract_expired') }}
    group by trunc(expired_at, 'MM'), region
),

keys as (
    select month_start, region from sold
    union
    select month_start, region from expired
),

final as (
    select
        k.month_start,
        k.region,
        coalesce(s.contracts_sold, 0) as contracts_sold,
        coalesce(s.renewals, 0) as renewals,
        coalesce(s.contracts_sold, 0) - coalesce(s.renewals, 0) as new_contracts,
        coalesce(s.fees, 0) as fees,
        coalesce(e.contracts_expired, 0) as contracts_expired,
        coalesce(e.renewed_at_expiry, 0) as renewed_at_expiry,
        round(e.renewed_at_expiry / nullif(e.contracts_expired, 0), 6) as renewal_rate
    from keys k
    left join sold s on s.month_start = k.month_start and s.region = k.region
    left join expired e on e.month_start = k.month_start and e.region = k.region
)

select * from final
