with source as (
    select * from {{ source('raw', 'events') }}
    where event_type = 'complaint.filed'
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
        occurred_at as filed_at,
        cast(occurred_at as date) as event_date,
        get_json_object(payload, '$.complaint_id') as complaint_id,
        get_json_object(payload, '$.request_id') as request_id,
        get_json_object(payload, '$.serial') as serial,
        get_json_object(payload, '$.model') as model,
        get_json_object(payload, '$.region') as region,
        get_json_object(payload, '$.station_id') as station_id,
        get_json_object(payload, '$.technician_id') as technician_id,
        get_json_object(payload, '$.work_order_id') as work_order_id,
        get_json_object(payload, '$.cause_category') as cause_category,
        get_json_object(payload, '$.routed_department') as routed_department,
        get_json_object(payload, '$.severity') as severity
    from deduplicated
    where copy_number = 1
)

select * from renamed
