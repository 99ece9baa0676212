with source as (
    select * from {{ source('raw', 'events') }}
    where event_type = 'complaint.resolved'
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
        occurred_at as resolved_at,
        cast(occurred_at as date) as event_date,
        get_json_object(payload, '$.complaint_id') as complaint_id,
        get_json_object(payload, '$.cause_category') as cause_category,
        get_json_object(payload, '$.routed_department') as routed_department,
        cast(get_json_object(payload, '$.reply_hours') as double) as reply_hours,
        cast(get_json_object(payload, '$.contacts') as int) as contacts,
        cast(get_json_object(payload, '$.escalated') as boolean) as escalated,
        get_json_object(payload, '$.resolution') as resolution,
        cast(get_json_object(payload, '$.customer_satisfied') as boolean) as customer_satisfied
    from deduplicated
    where copy_number = 1
)

select * from renamed
