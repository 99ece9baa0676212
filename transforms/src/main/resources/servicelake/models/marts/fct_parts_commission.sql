with sales as (
    select * from {{ ref('stg_events__part_consumed') }}
    where unit_price is not null
),

work_orders as (
    select work_order_id, technician_id, station_id from {{ ref('int_work_orders') }}
),

stations as (
    select station_id, store_id from {{ ref('dim_service_station') }}
),

lines as (
    select
        trunc(s.consumed_at, 'MM') as month_start,
        s.store_id,
        coalesce(w.station_id, st.station_id) as station_id,
        coalesce(w.technician_id, 'counter') as seller_id,
        s.usage,
        s.quantity * s.unit_price as revenue,
        s.quantity * s.unit_cost as cost
    from sales s
    left join work_orders w on w.work_order_id = s.work_order_id
    left join stations st on st.store_id = s.store_id
),

final as (
    select
        month_start,
        store_id,
        station_id,
        seller_id,
        sum(revenue) as parts_revenue,
        sum(cost) as parts_cost,
        sum(revenue - cost) as parts_profit,
        cast(0.015 * sum(revenue - cost) as decimal(18, 2)) as individual_commission,
        cast(0.005 * sum(revenue - cost) as decimal(18, 2)) as department_commission,
        cast(0.02 * sum(revenue - cost) as decimal(18, 2)) as total_commission
    from lines
    group by month_start, store_id, station_id, seller_id
)

select * from final
