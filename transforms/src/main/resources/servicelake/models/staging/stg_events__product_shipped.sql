with source as (
    select * from {{ source('raw', 'events') }}
    where event_type = 'product.shipped'
),

deduplicated as (
    select
        *,
        row_number() over (partition by event_id order by kafka_topic, kafka_partition, kafka_offset) as copy_number
    from source
),

renamed as (
    select
        event_id,
        schema_version,
        occurred_at as shipped_at,
        cast(occurred_at as date) as event_date,
        get_json_object(payload, '$.serial') as serial,
        get_json_object(payload, '$.model') as model,
        get_json_object(payload, '$.product_line') as product_line,
        cast(get_json_object(payload, '$.build_date') as date) as build_date,
        get_json_object(payload, '$.ship_month') as ship_month,
        get_json_object(payload, '$.region') as region,
        get_json_object(payload, '$.dealer_id') as dealer_id,
        cast(get_json_object(payload, '$.sale_price') as decimal(18, 2)) as sale_price,
        get_json_object(payload, '$.currency') as currency,
        get_json_object(payload, '$.components') as components_json
    from deduplicated
    where copy_number = 1
)

select * from renamed
