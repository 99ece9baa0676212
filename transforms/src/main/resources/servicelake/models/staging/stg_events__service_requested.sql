with source as (
    select * from {{ source('raw', 'events') }}
    where event_type = 'service.requested'
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
        occurred_at as requested_at,
        cast(occurred_at as date) as event_date,
        get_json_object(payload, '$.request_id') as request_id,
        get_json_object(payload, '$.channel') as channel,
        get_json_object(payload, '$.category') as category,
        get_json_object(payload, '$.serial') as serial,
        get_json_object(payload, '$.model') as model,
        get_json_object(payload, '$.region') as region,
        get_json_object(payload, '$.symptom') as symptom,
        get_json_object(payload, '$.priority') as priority
    from deduplicated
    where copy_number = 1
)

select * from renamed
