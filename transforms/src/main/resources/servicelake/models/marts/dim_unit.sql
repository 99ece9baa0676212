with shipped as (
    select *, row_number() over (partition by serial order by shipped_at desc, event_id) as n
    from {{ ref('stg_events__product_shipped') }}
),

installed as (
    select *, row_number() over (partition by serial order by installed_at desc, event_id) as n
    from {{ ref('stg_events__product_installed') }}
    where commissioning_result = 'pass'
),

final as (
    select
        s.serial,
        s.model,
        s.product_line,
        s.build_date,
        s.ship_month,
        s.region,
        s.dealer_id,
        s.sale_price,
        i.install_date,
        i.station_id,
        i.distance_class,
        i.customer_id,
        i.install_date is not null as is_installed
    from shipped s
    left join installed i on i.serial = s.serial and i.n = 1
    where s.n = 1
)

select * from final
