-- The technician scope of int_scorecard, which computes every KPI for both scopes at once.
select month_start, subject_id as technician_id, kpis.*, commission as parts_commission
from {{ ref('int_scorecard') }}
where scope = 'technician'
