with months as (
    select distinct month_start, region from {{ ref('fct_cost_composition') }}
    union
    select distinct trunc(shipped_at, 'MM'), region from {{ ref('stg_events__product_shipped') }}
),

cost as (
    select month_start, region,
        sum(amount) as service_cost,
        sum(case when service_type = 'warranty' then amount else 0 end) as warranty_direct_cost
    from {{ ref('fct_cost_composition') }}
    group by month_start, region
),

sales as (
    select trunc(shipped_at, 'MM') as month_start, region, sum(sale_price) as sales_revenue
    from {{ ref('stg_events__product_shipped') }}
    group by trunc(shipped_at, 'MM'), region
),

claims as (
    select trunc(failure_date, 'MM') as month_start, region, count(*) as claims
    from {{ ref('int_failures') }}
    where in_warranty
    group by trunc(failure_date, 'MM'), region
),

paid as (
    select trunc(signed_off_at, 'MM') as month_start, region, sum(amount_charged) as paid_service_revenue
    from {{ ref('stg_events__workorder_signed_off') }}
    where service_type = 'paid'
    group by trunc(signed_off_at, 'MM'), region
),

counter as (
    select trunc(consumed_at, 'MM') as month_start, region, sum(quantity * unit_price) as parts_sales_revenue
    from {{ ref('stg_events__part_consumed') }}
    where usage = 'counter_sale'
    group by trunc(consumed_at, 'MM'), region
),

contracts as (
    select trunc(sold_at, 'MM') as month_start, region, sum(fee) as contract_revenue
    from {{ ref('stg_events__contract_sold') }}
    group by trunc(sold_at, 'MM'), region
),

final as (
    select
        m.month_start,
        m.region,
        coalesce(c.service_cost, 0) as service_cost,
        coalesce(c.warranty_direct_cost, 0) as warranty_direct_cost,
        coalesce(s.sales_revenue, 0) as sales_revenue,
        round(100.0 * coalesce(c.service_cost, 0) / nullif(s.sales_revenue, 0), 4) as service_cost_pct_of_sales,
        coalesce(cl.claims, 0) as claims,
        cast(c.warranty_direct_cost / nullif(cl.claims, 0) as decimal(18, 2)) as cost_per_claim,
        coalesce(p.paid_service_revenue, 0) as paid_service_revenue,
        coalesce(cs.parts_sales_revenue, 0) as parts_sales_revenue,
        coalesce(k.contract_revenue, 0) as contract_revenue
    from months m
    left join cost c on c.month_start = m.month_start and c.region = m.region
    left join sales s on s.month_start = m.month_start and s.region = m.region
    left join claims cl on cl.month_start = m.month_start and cl.region = m.region
    left join paid p on p.month_start = m.month_start and p.region = m.region
    left join counter cs on cs.month_start = m.month_start and cs.region = m.region
    left join contracts k on k.month_start = m.month_start and k.region = m.region
)

select * from final
