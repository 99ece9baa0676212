with source as (
    select * from {{ source('raw', 'events') }}
    where event_type = 'workorder.dispatched'
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
        occurred_at as dispatched_at,
        cast(occurred_at as date) as event_date,
        get_json_object(payload, '$.work_order_id') as work_order_id,
        get_json_object(payload, '$.request_id') as request_id,
        get_json_object(payload, '$.serial') as serial,
        get_json_object(payload, '$.model') as model,
        get_json_object(payload, '$.region') as region,
        get_json_object(payload, '$.station_id') as station_id,
        get_json_object(payload, '$.technician_id') as technician_id,
        cast(get_json_object(payload, '$.visit') as int) as visit,
        get_json_object(payload, '$.job_kind') as job_kind,
        get_json_object(payload, '$.service_type') as service_type,
        get_json_object(payload, '$.repair_mode') as repair_mode,
        get_json_object(payload, '$.priority') as priority,
        get_json_object(payload, '$.distance_class') as distance_class,
        cast(get_json_object(payload, '$.sla_hours') as double) as sla_hours,
        cast(get_json_object(payload, '$.requested_at') as timestamp) as requested_at,
        cast(get_json_object(payload, '$.promised_arrival_at') as timestamp) as promised_arrival_at,
        cast(get_json_object(payload, '$.promised_fix_at') as timestamp) as promised_fix_at
    from deduplicated
    where copy_number = 1
)

select * from renamed
