with postings as (
    select * from {{ ref('stg_events__cost_posted') }}
),

direct as (
    select
        work_order_id,
        max(station_id) as station_id,
        max(period) as period,
        sum(case when category = 'labour' then amount else 0 end) as labour_cost,
        sum(case when category = 'material' then amount else 0 end) as material_cost,
        sum(case when category = 'transport' then amount else 0 end) as transport_cost,
        sum(amount) as direct_cost
    from postings
    where work_order_id is not null
    group by work_order_id
),

overheads as (
    select station_id, period, sum(amount) as overhead_cost
    from postings
    where work_order_id is null
    group by station_id, period
),

station_direct as (
    select station_id, period, sum(direct_cost) as station_direct_cost
    from direct
    group by station_id, period
),

final as (
    select
        d.work_order_id,
        d.station_id,
        d.period,
        d.labour_cost,
        d.material_cost,
        d.transport_cost,
        d.direct_cost,
        cast(coalesce(o.overhead_cost * d.direct_cost / nullif(s.station_direct_cost, 0), 0) as decimal(18, 4)) as allocated_overhead
    from direct d
    join station_direct s on s.station_id = d.station_id and s.period = d.period
    left join overheads o on o.station_id = d.station_id and o.period = d.period
)

select * from final
