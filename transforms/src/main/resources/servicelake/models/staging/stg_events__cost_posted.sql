with source as (
    select * from {{ source('raw', 'events') }}
    where event_type = 'cost.posted'
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
        occurred_at as posted_at,
        cast(occurred_at as date) as event_date,
        get_json_object(payload, '$.posting_id') as posting_id,
        get_json_object(payload, '$.category') as category,
        cast(get_json_object(payload, '$.amount') as decimal(18, 2)) as amount,
        get_json_object(payload, '$.currency') as currency,
        get_json_object(payload, '$.period') as period,
        get_json_object(payload, '$.station_id') as station_id,
        get_json_object(payload, '$.region') as region,
        get_json_object(payload, '$.work_order_id') as work_order_id,
        get_json_object(payload, '$.service_type') as service_type
    from deduplicated
    where copy_number = 1
)

select * from renamed
