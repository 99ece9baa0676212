with source as (
    select * from {{ source('raw', 'events') }}
    where event_type = 'survey.completed'
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
        occurred_at as surveyed_at,
        cast(occurred_at as date) as event_date,
        get_json_object(payload, '$.survey_id') as survey_id,
        get_json_object(payload, '$.request_id') as request_id,
        get_json_object(payload, '$.work_order_id') as work_order_id,
        get_json_object(payload, '$.serial') as serial,
        get_json_object(payload, '$.region') as region,
        get_json_object(payload, '$.station_id') as station_id,
        get_json_object(payload, '$.technician_id') as technician_id,
        cast(get_json_object(payload, '$.csat') as int) as csat,
        get_json_object(payload, '$.comments') as comments,
        cast(get_json_object(payload, '$.would_recommend') as int) as would_recommend
    from deduplicated
    where copy_number = 1
)

select * from renamed
