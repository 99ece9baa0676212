with source as (
    select * from {{ source('raw', 'events') }}
    where event_type = 'contract.sold'
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
        occurred_at as sold_at,
        cast(occurred_at as date) as event_date,
        get_json_object(payload, '$.contract_id') as contract_id,
        get_json_object(payload, '$.serial') as serial,
        get_json_object(payload, '$.model') as model,
        get_json_object(payload, '$.region') as region,
        get_json_object(payload, '$.station_id') as station_id,
        cast(get_json_object(payload, '$.start_date') as date) as start_date,
        cast(get_json_object(payload, '$.end_date') as date) as end_date,
        cast(get_json_object(payload, '$.fee') as decimal(18, 2)) as fee,
        get_json_object(payload, '$.currency') as currency,
        cast(get_json_object(payload, '$.visits_per_year') as int) as visits_per_year,
        cast(get_json_object(payload, '$.renewal') as boolean) as renewal
    from deduplicated
    where copy_number = 1
)

select * from renamed
