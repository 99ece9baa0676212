with installed as (
    select *, row_number() over (partition by customer_id order by installed_at desc, event_id) as n
    from {{ ref('stg_events__product_installed') }}
),

final as (
    select
        customer_id,
        customer_name,
        customer_phone,
        customer_address,
        region,
        customer_name is not null and customer_phone is not null and customer_address is not null as record_complete
    from installed
    where n = 1
)

select * from final
