with source as (
    select * from {{ source('raw', 'events') }}
    where event_type = 'product.installed'
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
        occurred_at as installed_at,
        cast(occurred_at as date) as event_date,
        get_json_object(payload, '$.serial') as serial,
        get_json_object(payload, '$.model') as model,
        get_json_object(payload, '$.region') as region,
        get_json_object(payload, '$.station_id') as station_id,
        get_json_object(payload, '$.technician_id') as technician_id,
        cast(get_json_object(payload, '$.install_date') as date) as install_date,
        get_json_object(payload, '$.commissioning_result') as commissioning_result,
        get_json_object(payload, '$.distance_class') as distance_class,
        cast(get_json_object(payload, '$.sale_price') as decimal(18, 2)) as sale_price,
        get_json_object(payload, '$.currency') as currency,
        get_json_object(payload, '$.components') as components_json,
        get_json_object(payload, '$.customer_id') as customer_id,
        get_json_object(payload, '$.customer_name') as customer_name,
        get_json_object(payload, '$.customer_phone') as customer_phone,
        get_json_object(payload, '$.customer_address') as customer_address
    from deduplicated
    where copy_number = 1
)

select * from renamed
