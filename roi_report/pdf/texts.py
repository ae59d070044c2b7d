"""Every word the PDF report prints, in each report language (en, es, fr, pl).

Numbers, currencies, percents, dates and month names are not here: Babel formats them in
the report's locale (see `report_context`). Names the user typed (channels, campaigns,
goals, metrics) are printed as typed. Sentences are `str.format` templates whose fields are
already-formatted figures and names.

French strings use a no-break space (U+00A0) before ":" and inside « », and a narrow
no-break space (U+202F) before ";", "?" and "!", as French typography requires.
"""

from __future__ import annotations

from types import MappingProxyType

from roi_report.language import LANGUAGES, LOCALES  # noqa: F401

EN = {
    "where_workbook": "workbook",
    # Document
    "default_title": "Social media ROI report",
    "page": "Page",
    "of": "of",
    "na": "n/a",
    "none": "—",
    "points": "pp",
    "subject": "Social media ROI for {client}, {period}",
    "keywords": "social media, ROI, marketing",
    "contents": "Contents",
    # Cover
    "client": "Client",
    "report_period": "Report period",
    "compared_with": "Compared with",
    "prepared_by": "Prepared by",
    "issued": "Issued",
    "no_comparison": "no comparison period",
    "compare_previous": "the previous period, {period}",
    "compare_last_year": "the same period last year, {period}",
    "logo_alt": "Logo of {name}",
    "agency_logo_alt": "Logo of {name}",
    "report_mark_alt": "Report mark",
    # Sections
    "summary": "Executive summary",
    "findings": "Key findings",
    "investment": "Investment",
    "by_category": "Investment by category",
    "organic_paid": "Organic and paid",
    "staff_time": "Staff time and shared costs by channel",
    "channels": "ROI by channel",
    "campaigns": "ROI by campaign",
    "goals": "Goals against targets",
    "lead_costs": "Cost per lead",
    "lead_costs_by_channel": "Cost per lead by channel",
    "bands": "Lead bands",
    "funnel": "Funnel",
    "new_business": "New business",
    "methods": "Methods and assumptions",
    "formulas": "Formulas",
    "assumptions": "Goal assumptions",
    "settings_used": "Settings used",
    "warnings": "Data warnings",
    # KPIs
    "kpi_roi": "Return on investment (goal values)",
    "kpi_investment": "Investment",
    "kpi_return": "Return (goal values)",
    "kpi_leads": "Social CRM leads",
    "kpi_cost_per_lead": "Cost per CRM lead",
    "kpi_won_deals": "Deals won with social",
    "kpi_won_revenue": "Revenue won with social",
    "kpi_previous": "Comparison: {value}",
    "kpi_no_previous": "No comparison period",
    # Table headers
    "col_channel": "Channel",
    "col_kind": "Kind",
    "col_category": "Category",
    "col_type": "Type",
    "col_campaign": "Campaign",
    "col_amount": "Amount",
    "col_share": "Share",
    "col_costs": "Costs",
    "col_staff": "Staff",
    "col_shared": "Shared costs",
    "col_investment": "Investment",
    "col_return": "Return",
    "col_roi": "ROI",
    "col_band_roi": "ROI on CRM revenue",
    "col_leads": "CRM leads",
    "col_cost_per_lead": "Cost per CRM lead",
    "col_goal": "Goal",
    "col_metric": "Metric",
    "col_target": "Target",
    "col_actual": "Actual",
    "col_attainment": "Attainment",
    "col_cost_per_result": "Cost per result",
    "col_target_cost": "Target cost per result",
    "col_status": "Cost against target",
    "col_deadline": "Deadline",
    "col_band": "Band",
    "col_previous_leads": "Leads before",
    "col_growth": "Growth",
    "col_won": "Won",
    "col_win_rate": "Win rate",
    "col_revenue": "Revenue",
    "col_cost_per_won": "Cost per won deal",
    "col_stage": "Stage",
    "col_reached": "Leads reaching it",
    "col_pass_through": "Moving on to the next stage",
    "col_role": "Social's role",
    "col_deals": "Deals",
    "col_previous_deals": "Deals before",
    "col_previous_revenue": "Revenue before",
    "col_change": "Change",
    "col_value_per_result": "Value of one result",
    "col_basis": "Basis",
    "col_where": "Where",
    "col_warning": "Warning",
    "col_setting": "Setting",
    "col_value": "Value",
    "total": "Total",
    # Contract values shown in the report
    "kind_Social": "Social",
    "kind_Other": "Other",
    "type_Organic": "Organic",
    "type_Paid": "Paid",
    "category_Tools": "Tools",
    "category_Ads": "Ads",
    "category_Materials": "Materials",
    "category_Agency": "Agency",
    "category_Content": "Content",
    "category_Other": "Other",
    "category_Staff": "Staff time",
    "band_Slow": "Slow",
    "band_Medium": "Medium",
    "band_Fast": "Fast",
    "band_Unscored": "Unscored",
    "stage_Lead": "Lead",
    "stage_MQL": "MQL",
    "stage_SQL": "SQL",
    "stage_Opportunity": "Opportunity",
    "stage_Won": "Won",
    "role_source": "Original source",
    "role_conversion": "Conversion point",
    "role_assist": "Assist",
    "role_any": "Any of these",
    "role_all_won": "All deals won (any channel)",
    "channel_All": "All social channels",
    "shared_row": "Shared (channel All)",
    "no_campaign": "(no campaign)",
    "others_row": "Others ({count})",
    "capped_list": "The {shown} largest by investment are listed one by one and the other "
    "{others} are added up in one row; the results workbook lists every one.",
    "status_ok": "Within target",
    "status_over": "Above target",
    "social_channels": "Social channels",
    "other_channels": "Other channels",
    # Sentences
    "investment_intro": "Social media took {total} of investment in the period{change}.",
    "investment_change": ", {change} against the comparison period",
    "staff_sentence": "Staff time cost {amount}, {share} of the investment.",
    "shared_Proportional": "Shared costs (channel All, {amount}) are spread over the social "
    "channels in proportion to their direct costs.",
    "shared_Even": "Shared costs (channel All, {amount}) are spread evenly over the social "
    "channels.",
    "shared_None": "Shared costs (channel All, {amount}) are not spread: they are shown as "
    "their own row.",
    "channels_intro": "Return and ROI of each social channel, shared costs included as set "
    "in the workbook.",
    "campaigns_intro": "Campaigns ordered by investment.",
    "goals_intro": "Attainment is the actual result against the target; cost per result is "
    "the investment on the goal's channel divided by the results.",
    "metric_platform_reported": "{metric} reported by the platforms (Results)",
    "lead_sources_note": "CRM leads (Leads sheet) are the leads your CRM recorded; leads reported "
    "by the platforms (Results) are each platform's own count, so the two counts and their costs "
    "per lead differ.",
    "lead_costs_intro": "A CRM lead (Leads sheet) from social media cost {social}; one from other "
    "channels cost {other}.",
    "lead_costs_intro_no_other": "A CRM lead (Leads sheet) from social media cost {social}. No "
    "other channel has investment and leads to compare with.",
    "lead_costs_intro_no_social": "No CRM lead (Leads sheet) came from social media in this "
    "period; one from other channels cost {other}.",
    "bands_intro": "Social CRM leads (Leads sheet) created in the period, banded by lead score: "
    "Slow below {slow}, Fast from {fast}, Medium in between.",
    "unstaged_sentence": "Investment with no funnel stage ({amount}) is spread over the bands "
    "by their share of leads.",
    "weakest_stage": "The weakest step is {from_stage} → {to_stage}: {pct} of leads move on.",
    "funnel_recent_note": "Recent leads may not have moved on yet.",
    "new_business_intro": "Deals won in the period, by the part social media played.",
    "warnings_intro": "Found while checking the workbook. They do not stop the report but "
    "may change its figures.",
    "no_warnings": "The workbook check found nothing doubtful.",
    # Empty sections
    "empty_investment": "No costs or staff time were recorded for social media in this period.",
    "empty_channels": "No social channel has investment or results in this period.",
    "empty_campaigns": "No campaign has investment or results in this period.",
    "empty_goals": "The Goals sheet sets no goals.",
    "empty_lead_costs": "No channel has investment and leads in this period.",
    "empty_bands": "No social leads were created in this period.",
    "empty_funnel": "No leads entered the funnel in this period.",
    "empty_new_business": "No deals were won in this period.",
    "empty_assumptions": "No goal values a result, so the return is zero.",
    "empty_findings": "There is not enough data in this period for findings.",
    # Findings
    "f_roi_up": "ROI rose to {roi}, from {previous} in the comparison period ({change}).",
    "f_roi_down": "ROI fell to {roi}, from {previous} in the comparison period ({change}).",
    "f_roi_same": "ROI held at {roi}, as in the comparison period.",
    "f_roi_only": "Social media returned {return_} on {investment} invested: an ROI of {roi}.",
    "f_best_channel": "{channel} returned the most per unit spent: {per_unit} for every "
    "{unit} invested (ROI {roi}).",
    "f_goal_behind": "The goal {goal} is furthest behind its target: {actual} of {target} "
    "({attainment}).",
    "f_goals_met": "Every goal with a target has been met; the lowest attainment is {goal} "
    "at {attainment}.",
    "f_band_grew": "{band} leads grew the most: {now} against {before} in the comparison "
    "period ({growth}).",
    "f_weakest": "The weakest funnel step is {from_stage} → {to_stage}: only {pct} of leads "
    "move on.",
    "f_lead_cost": "A social CRM lead cost {social}, against {other} on other channels.",
    "f_new_business": "Social media took part in {deals} worth {revenue}.",
    "deals_one": "{n} won deal",
    "deals_other": "{n} won deals",
    "leads_one": "{n} lead",
    "leads_other": "{n} leads",
    "f_investment": "Investment changed by {change} against the comparison period, to "
    "{investment}.",
    # Methods
    "m_investment": "Investment",
    "m_investment_text": "Σ effective costs (Amount × Social share) + Σ staff costs (Hourly "
    "rate × Hours), on social channels and channel All.",
    "m_return": "Return",
    "m_return_text": "Σ Count × value of one result, over the Results rows of social channels.",
    "m_value": "Value of one result",
    "m_value_text": "Value per result if given; otherwise Conversion to customer × Value per "
    "customer; otherwise 0 (the goal is tracked but adds no money).",
    "m_roi": "ROI",
    "m_roi_text": "(Return − Investment) × 100 ÷ Investment, the return being the results at "
    "their goal values; n/a when nothing was invested.",
    "m_change": "Change",
    "m_change_text": "(this period − comparison period) × 100 ÷ comparison period; the change "
    "of ROI is in percentage points (pp).",
    "m_goals": "Goals",
    "m_goals_text": "Attainment = Actual ÷ Target; Cost per result = investment on the goal's "
    "channel ÷ Actual, against the Target cost per result.",
    "m_cpl": "Cost per CRM lead",
    "m_cpl_text": "Investment of the channel ÷ CRM leads (Leads sheet) whose Source is that "
    "channel.",
    "m_bands": "Lead bands",
    "m_bands_text": "Band investment = costs with the band's funnel stage + the other costs "
    "spread by the band's share of leads; cost per won deal = band investment ÷ deals won; band "
    "ROI = (CRM revenue of the deals won − investment) × 100 ÷ investment.",
    "m_funnel": "Funnel",
    "m_funnel_text": "Pass-through = leads that reached the next stage ÷ leads that reached this "
    "stage; a Lost lead had reached Opportunity; leads created late in the period may not have "
    "moved on yet.",
    "m_new_business": "New business",
    "m_new_business_text": "Deals with a Won date in the period where social media was the "
    "original source, the conversion point, an assist, or any of these.",
    "basis_value": "Value per result",
    "basis_conversion": "{conversion} of results become customers worth {value}",
    "basis_none": "No value: tracked against its target only",
    "set_period": "Report period",
    "set_compare": "Comparison period",
    "set_currency": "Currency",
    "set_shared": "Shared costs",
    "set_bands": "Lead bands",
    "set_bands_value": "Slow below {slow}, Fast from {fast}",
    "shared_mode_Proportional": "Spread in proportion to direct costs",
    "shared_mode_Even": "Spread evenly",
    "shared_mode_None": "Not spread",
    # Charts
    "chart_this_period": "This period",
    "chart_comparison": "Comparison period",
    "chart_target": "Target",
    "chart_summary_alt": "Bar chart of investment and return in this period and in the "
    "comparison period.",
    "chart_categories_alt": "Bar chart of investment by category.",
    "chart_channels_alt": "Bar chart of investment and return by social channel.",
    "chart_goals_alt": "Bar chart of each goal's attainment against its target of 100 %.",
    "chart_lead_costs_alt": "Bar chart of cost per lead by channel, social and other.",
    "chart_bands_alt": "Bar chart of leads by band in this period and the comparison period.",
    "chart_funnel_alt": "Bar chart of leads reaching each funnel stage.",
}

ES = {
    "where_workbook": "libro",
    "warn_agency_fee_equals_ads": "esta comisión de agencia es igual a la inversión en anuncios "
    "de la fila {ad_row} de Costs del mismo mes: si la comisión incluye esa inversión, se "
    "cuenta dos veces; introduzca las comisiones de agencia sin la inversión en anuncios",
    "warn_metric_without_goal": "ningún objetivo da valor a la métrica {metric}: añádala a la "
    "hoja Goals o sus resultados no tendrán ningún valor",
    "warn_leads_unscored": "leads sin puntuación: {count}; se muestran en la banda {unscored}, "
    "fuera de las bandas por velocidad",
    "warn_nothing_entered": "todavía no hay costes, horas de personal, resultados ni leads: el "
    "informe mostrará ceros; rellene las hojas Costs, Staff, Results y Leads",
    "warn_nothing_in_period": "nada en Costs, Staff, Results o Leads tiene fecha dentro del "
    "periodo del informe, del {start} al {end}: el informe mostrará ceros; revise Period start "
    "y Period end",
    "warn_rows_outside_periods": "filas con fecha fuera del periodo del informe y del periodo de "
    "comparación, que no se cuentan: {count}",
    "warn_unknown_setting": "{label} no es un ajuste: ¿quería decir {meant}? Su valor se "
    "ignora y {meant} queda en su valor por defecto ({default}); cambie la etiqueta a {meant}",
    "warn_outsized_amount": "{value} es más de 100 veces la mediana de su categoría ({usual}): "
    "revise si se ha desplazado la coma decimal o sobran ceros",
    "warn_hours_over_month": "{value} horas son más de las que tiene el mes ({usual}): revise "
    "el número",
    "warn_date_far_away": "la fecha {date} está a años del resto de los datos: ¿está mal "
    "escrito el año?",
    "warn_won_before_created": "leads ganados antes de su fecha de creación: {count} (el "
    "primero en la fila {first_row}); revise ambas fechas",
    "warn_won_data_not_won": "leads con fecha de cierre o ingresos cuya etapa no es Won: {count} "
    "(el primero en la fila {first_row}); no se cuentan como ganados",
    "warn_won_without_revenue": "leads ganados sin ingresos: {count} (el primero en la fila "
    "{first_row}); cuentan con ingresos 0",
    "default_title": "Informe de ROI en redes sociales",
    "page": "Página",
    "of": "de",
    "na": "n/d",
    "none": "—",
    "points": "p. p.",
    "subject": "ROI en redes sociales de {client}, {period}",
    "keywords": "redes sociales, ROI, marketing",
    "contents": "Índice",
    "client": "Cliente",
    "report_period": "Periodo del informe",
    "compared_with": "Comparado con",
    "prepared_by": "Elaborado por",
    "issued": "Fecha de emisión",
    "no_comparison": "sin periodo de comparación",
    "compare_previous": "el periodo anterior, {period}",
    "compare_last_year": "el mismo periodo del año anterior, {period}",
    "logo_alt": "Logotipo de {name}",
    "agency_logo_alt": "Logotipo de {name}",
    "report_mark_alt": "Emblema del informe",
    "summary": "Resumen ejecutivo",
    "findings": "Conclusiones clave",
    "investment": "Inversión",
    "by_category": "Inversión por categoría",
    "organic_paid": "Orgánico y de pago",
    "staff_time": "Tiempo del equipo y costes compartidos por canal",
    "channels": "ROI por canal",
    "campaigns": "ROI por campaña",
    "goals": "Objetivos frente a metas",
    "lead_costs": "Coste por lead",
    "lead_costs_by_channel": "Coste por lead por canal",
    "bands": "Segmentos de leads",
    "funnel": "Embudo",
    "new_business": "Nuevo negocio",
    "methods": "Metodología y supuestos",
    "formulas": "Fórmulas",
    "assumptions": "Supuestos de los objetivos",
    "settings_used": "Parámetros utilizados",
    "warnings": "Advertencias sobre los datos",
    "kpi_roi": "Retorno de la inversión (valores de los objetivos)",
    "kpi_investment": "Inversión",
    "kpi_return": "Retorno (valores de los objetivos)",
    "kpi_leads": "Leads de redes sociales en el CRM",
    "kpi_cost_per_lead": "Coste por lead del CRM",
    "kpi_won_deals": "Ventas cerradas con redes sociales",
    "kpi_won_revenue": "Ingresos cerrados con redes sociales",
    "kpi_previous": "Comparación: {value}",
    "kpi_no_previous": "Sin periodo de comparación",
    "col_channel": "Canal",
    "col_kind": "Tipo de canal",
    "col_category": "Categoría",
    "col_type": "Tipo",
    "col_campaign": "Campaña",
    "col_amount": "Importe",
    "col_share": "Peso",
    "col_costs": "Costes",
    "col_staff": "Personal",
    "col_shared": "Costes compartidos",
    "col_investment": "Inversión",
    "col_return": "Retorno",
    "col_roi": "ROI",
    "col_band_roi": "ROI sobre ingresos del CRM",
    "col_leads": "Leads del CRM",
    "col_cost_per_lead": "Coste por lead del CRM",
    "col_goal": "Objetivo",
    "col_metric": "Métrica",
    "col_target": "Meta",
    "col_actual": "Real",
    "col_attainment": "Cumplimiento",
    "col_cost_per_result": "Coste por resultado",
    "col_target_cost": "Coste objetivo por resultado",
    "col_status": "Coste frente a objetivo",
    "col_deadline": "Fecha límite",
    "col_band": "Segmento",
    "col_previous_leads": "Leads antes",
    "col_growth": "Crecimiento",
    "col_won": "Ganados",
    "col_win_rate": "Tasa de cierre",
    "col_revenue": "Ingresos",
    "col_cost_per_won": "Coste por venta",
    "col_stage": "Etapa",
    "col_reached": "Leads que la alcanzan",
    "col_pass_through": "Pasan a la etapa siguiente",
    "col_role": "Papel de las redes sociales",
    "col_deals": "Ventas",
    "col_previous_deals": "Ventas antes",
    "col_previous_revenue": "Ingresos antes",
    "col_change": "Variación",
    "col_value_per_result": "Valor de un resultado",
    "col_basis": "Base del cálculo",
    "col_where": "Ubicación",
    "col_warning": "Advertencia",
    "col_setting": "Parámetro",
    "col_value": "Valor",
    "total": "Total",
    "kind_Social": "Redes sociales",
    "kind_Other": "Otros",
    "type_Organic": "Orgánico",
    "type_Paid": "De pago",
    "category_Tools": "Herramientas",
    "category_Ads": "Anuncios",
    "category_Materials": "Materiales",
    "category_Agency": "Agencia",
    "category_Content": "Contenido",
    "category_Other": "Otros",
    "category_Staff": "Tiempo del equipo",
    "band_Slow": "Lentos",
    "band_Medium": "Medios",
    "band_Fast": "Rápidos",
    "band_Unscored": "Sin puntuación",
    "stage_Lead": "Lead",
    "stage_MQL": "MQL",
    "stage_SQL": "SQL",
    "stage_Opportunity": "Oportunidad",
    "stage_Won": "Ganado",
    "role_source": "Origen del lead",
    "role_conversion": "Punto de conversión",
    "role_assist": "Asistencia",
    "role_any": "Cualquiera de ellos",
    "role_all_won": "Todas las ventas (cualquier canal)",
    "channel_All": "Todas las redes sociales",
    "shared_row": "Compartido (canal All)",
    "no_campaign": "(sin campaña)",
    "others_row": "Otros ({count})",
    "capped_list": "Se detallan los {shown} mayores por inversión y los otros {others} se "
    "suman en una fila; el libro de resultados los recoge todos.",
    "status_ok": "Dentro del objetivo",
    "status_over": "Por encima del objetivo",
    "social_channels": "Redes sociales",
    "other_channels": "Otros canales",
    "investment_intro": "Las redes sociales supusieron una inversión de {total} en el "
    "periodo{change}.",
    "investment_change": ", {change} respecto al periodo de comparación",
    "staff_sentence": "El tiempo del equipo costó {amount}, el {share} de la inversión.",
    "shared_Proportional": "Los costes compartidos (canal All, {amount}) se reparten entre "
    "las redes sociales en proporción a sus costes directos.",
    "shared_Even": "Los costes compartidos (canal All, {amount}) se reparten a partes iguales "
    "entre las redes sociales.",
    "shared_None": "Los costes compartidos (canal All, {amount}) no se reparten: figuran en "
    "una fila propia.",
    "channels_intro": "Retorno y ROI de cada red social, con los costes compartidos según lo "
    "fijado en el libro.",
    "campaigns_intro": "Campañas ordenadas por inversión.",
    "goals_intro": "El cumplimiento es el resultado real frente a la meta; el coste por "
    "resultado es la inversión en el canal del objetivo dividida entre los "
    "resultados.",
    "metric_platform_reported": "{metric} según las plataformas (Results)",
    "lead_sources_note": "Los leads del CRM (hoja Leads) son los que registró su CRM; los leads "
    "según las plataformas (Results) son el recuento propio de cada plataforma, por lo que ambas "
    "cifras y sus costes por lead difieren.",
    "lead_costs_intro": "Un lead del CRM (hoja Leads) procedente de redes sociales costó "
    "{social}; uno de otros canales, {other}.",
    "lead_costs_intro_no_other": "Un lead del CRM (hoja Leads) procedente de redes sociales costó "
    "{social}. Ningún otro canal tiene inversión y leads con los que comparar.",
    "lead_costs_intro_no_social": "Ningún lead del CRM (hoja Leads) llegó de las redes sociales "
    "en este periodo; uno de otros canales costó {other}.",
    "bands_intro": "Leads del CRM (hoja Leads) de redes sociales creados en el periodo, "
    "segmentados por puntuación: Lentos por debajo de {slow}, Rápidos desde {fast} y Medios entre "
    "ambos.",
    "unstaged_sentence": "La inversión sin etapa del embudo ({amount}) se reparte entre los "
    "segmentos según su proporción de leads.",
    "weakest_stage": "La etapa más débil es {from_stage} → {to_stage}: avanza el {pct} de los "
    "leads.",
    "funnel_recent_note": "Puede que los leads recientes aún no hayan avanzado.",
    "new_business_intro": "Ventas cerradas en el periodo, según el papel de las redes sociales.",
    "warnings_intro": "Detectadas al revisar el libro. No impiden el informe, pero pueden "
    "alterar sus cifras.",
    "no_warnings": "La revisión del libro no encontró nada dudoso.",
    "empty_investment": "No se registraron costes ni tiempo del equipo en redes sociales en "
    "este periodo.",
    "empty_channels": "Ninguna red social tiene inversión ni resultados en este periodo.",
    "empty_campaigns": "Ninguna campaña tiene inversión ni resultados en este periodo.",
    "empty_goals": "La hoja Goals no define ningún objetivo.",
    "empty_lead_costs": "Ningún canal tiene inversión y leads en este periodo.",
    "empty_bands": "No se crearon leads de redes sociales en este periodo.",
    "empty_funnel": "Ningún lead entró en el embudo en este periodo.",
    "empty_new_business": "No se cerró ninguna venta en este periodo.",
    "empty_assumptions": "Ningún objetivo asigna valor a los resultados, así que el retorno "
    "es cero.",
    "empty_findings": "No hay datos suficientes en este periodo para extraer conclusiones.",
    "f_roi_up": "El ROI subió al {roi}, frente al {previous} del periodo de comparación "
    "({change}).",
    "f_roi_down": "El ROI bajó al {roi}, frente al {previous} del periodo de comparación "
    "({change}).",
    "f_roi_same": "El ROI se mantuvo en el {roi}, igual que en el periodo de comparación.",
    "f_roi_only": "Las redes sociales generaron un retorno de {return_} con una inversión de "
    "{investment}: un ROI del {roi}.",
    "f_best_channel": "{channel} es el canal que más devolvió por cada unidad invertida: "
    "{per_unit} por cada {unit} (ROI del {roi}).",
    "f_goal_behind": "El objetivo {goal} es el más alejado de su meta: {actual} de {target} "
    "({attainment}).",
    "f_goals_met": "Se han alcanzado todos los objetivos con meta; el cumplimiento más bajo "
    "es el de {goal}, con un {attainment}.",
    "f_band_grew": "El segmento {band} fue el que más creció: {now} frente a {before} en el "
    "periodo de comparación ({growth}).",
    "f_weakest": "La etapa más débil del embudo es {from_stage} → {to_stage}: solo avanza el "
    "{pct} de los leads.",
    "f_lead_cost": "Un lead del CRM de redes sociales costó {social}, frente a {other} en otros "
    "canales.",
    "f_new_business": "Las redes sociales participaron en {deals} por un valor de {revenue}.",
    "deals_one": "{n} venta cerrada",
    "deals_other": "{n} ventas cerradas",
    "leads_one": "{n} lead",
    "leads_other": "{n} leads",
    "f_investment": "La inversión varió un {change} respecto al periodo de comparación, hasta "
    "{investment}.",
    "m_investment": "Inversión",
    "m_investment_text": "Σ costes efectivos (Importe × Parte social) + Σ costes de personal "
    "(Tarifa por hora × Horas), en las redes sociales y el canal All.",
    "m_return": "Retorno",
    "m_return_text": "Σ Cantidad × valor de un resultado, en las filas de Results de redes "
    "sociales.",
    "m_value": "Valor de un resultado",
    "m_value_text": "El valor por resultado si se indica; si no, la conversión a cliente × "
    "el valor por cliente; si no, 0 (el objetivo se sigue, pero no aporta "
    "dinero).",
    "m_roi": "ROI",
    "m_roi_text": "(Retorno − Inversión) × 100 ÷ Inversión, donde el retorno son los resultados a "
    "los valores de los objetivos; n/d si no hubo inversión.",
    "m_change": "Variación",
    "m_change_text": "(este periodo − periodo de comparación) × 100 ÷ periodo de comparación; "
    "la variación del ROI se expresa en puntos porcentuales (p. p.).",
    "m_goals": "Objetivos",
    "m_goals_text": "Cumplimiento = Real ÷ Meta; Coste por resultado = inversión en el canal "
    "del objetivo ÷ Real, frente al coste objetivo por resultado.",
    "m_cpl": "Coste por lead del CRM",
    "m_cpl_text": "Inversión del canal ÷ leads del CRM (hoja Leads) cuyo origen es ese canal.",
    "m_bands": "Segmentos de leads",
    "m_bands_text": "Inversión del segmento = costes con su etapa del embudo + el resto de los "
    "costes según su proporción de leads; coste por venta = inversión del segmento ÷ ventas; ROI "
    "del segmento = (ingresos del CRM de las ventas ganadas − inversión) × 100 ÷ inversión.",
    "m_funnel": "Embudo",
    "m_funnel_text": "Paso = leads que alcanzaron la etapa siguiente ÷ leads que alcanzaron esta "
    "etapa; un lead perdido había llegado a Oportunidad; puede que los leads creados al final del "
    "periodo aún no hayan avanzado.",
    "m_new_business": "Nuevo negocio",
    "m_new_business_text": "Ventas con fecha de cierre en el periodo en las que las redes "
    "sociales fueron el origen, el punto de conversión, una asistencia "
    "o cualquiera de ellos.",
    "basis_value": "Valor por resultado",
    "basis_conversion": "El {conversion} de los resultados se convierte en clientes que valen "
    "{value}",
    "basis_none": "Sin valor: solo se sigue frente a su meta",
    "set_period": "Periodo del informe",
    "set_compare": "Periodo de comparación",
    "set_currency": "Moneda",
    "set_shared": "Costes compartidos",
    "set_bands": "Segmentos de leads",
    "set_bands_value": "Lentos por debajo de {slow}, Rápidos desde {fast}",
    "shared_mode_Proportional": "Repartidos en proporción a los costes directos",
    "shared_mode_Even": "Repartidos a partes iguales",
    "shared_mode_None": "Sin repartir",
    "chart_this_period": "Este periodo",
    "chart_comparison": "Periodo de comparación",
    "chart_target": "Meta",
    "chart_summary_alt": "Gráfico de barras de la inversión y el retorno en este periodo y en "
    "el de comparación.",
    "chart_categories_alt": "Gráfico de barras de la inversión por categoría.",
    "chart_channels_alt": "Gráfico de barras de la inversión y el retorno por red social.",
    "chart_goals_alt": "Gráfico de barras del cumplimiento de cada objetivo frente a su meta "
    "del 100 %.",
    "chart_lead_costs_alt": "Gráfico de barras del coste por lead por canal.",
    "chart_bands_alt": "Gráfico de barras de los leads por segmento en este periodo y en el de "
    "comparación.",
    "chart_funnel_alt": "Gráfico de barras de los leads que alcanzan cada etapa del embudo.",
}

FR = {
    "where_workbook": "classeur",
    "warn_agency_fee_equals_ads": "ces honoraires d’agence égalent les dépenses publicitaires de "
    "la ligne {ad_row} de Costs du même mois : s’ils les incluent, elles sont comptées deux "
    "fois ; saisissez les honoraires d’agence sans les dépenses publicitaires",
    "warn_metric_without_goal": "aucun objectif ne valorise la métrique {metric} : ajoutez-la à "
    "la feuille Goals, sinon ses résultats ne valent rien",
    "warn_leads_unscored": "leads sans score : {count} ; ils figurent dans la tranche {unscored}, "
    "hors des tranches de vitesse",
    "warn_nothing_entered": "aucun coût, temps du personnel, résultat ni lead n’est encore saisi "
    ": le rapport affichera des zéros ; remplissez les feuilles Costs, Staff, Results et Leads",
    "warn_nothing_in_period": "rien dans Costs, Staff, Results ou Leads n’est daté dans la "
    "période du rapport, du {start} au {end} : le rapport affichera des zéros ; vérifiez "
    "Period start et Period end",
    "warn_rows_outside_periods": "lignes datées hors de la période du rapport et de la période de "
    "comparaison, non comptées : {count}",
    "warn_unknown_setting": "{label} n’est pas un paramètre : vouliez-vous dire {meant} ? Sa "
    "valeur est ignorée et {meant} garde sa valeur par défaut ({default}) ; renommez "
    "l’étiquette en {meant}",
    "warn_outsized_amount": "{value} dépasse 100 fois la médiane de sa catégorie ({usual}) : "
    "vérifiez la virgule décimale et les zéros",
    "warn_hours_over_month": "{value} heures, c’est plus que n’en compte le mois ({usual}) : "
    "vérifiez le nombre",
    "warn_date_far_away": "la date {date} est éloignée de plusieurs années du reste des "
    "données : l’année est-elle mal saisie ?",
    "warn_won_before_created": "leads gagnés avant leur date de création : {count} (le premier "
    "à la ligne {first_row}) ; vérifiez les deux dates",
    "warn_won_data_not_won": "leads avec une date de gain ou un chiffre d’affaires sans être à "
    "l’étape Won : {count} (le premier à la ligne {first_row}) ; ils ne comptent pas comme "
    "gagnés",
    "warn_won_without_revenue": "leads gagnés sans chiffre d’affaires : {count} (le premier à "
    "la ligne {first_row}) ; ils comptent pour 0",
    "default_title": "Rapport de ROI des réseaux sociaux",
    "page": "Page",
    "of": "sur",
    "na": "n.d.",
    "none": "—",
    "points": "pts",
    "subject": "ROI des réseaux sociaux pour {client}, {period}",
    "keywords": "réseaux sociaux, ROI, marketing",
    "contents": "Sommaire",
    "client": "Client",
    "report_period": "Période du rapport",
    "compared_with": "Comparée à",
    "prepared_by": "Préparé par",
    "issued": "Émis le",
    "no_comparison": "aucune période de comparaison",
    "compare_previous": "la période précédente, {period}",
    "compare_last_year": "la même période l’année précédente, {period}",
    "logo_alt": "Logo de {name}",
    "agency_logo_alt": "Logo de {name}",
    "report_mark_alt": "Emblème du rapport",
    "summary": "Synthèse",
    "findings": "Points clés",
    "investment": "Investissement",
    "by_category": "Investissement par catégorie",
    "organic_paid": "Organique et payant",
    "staff_time": "Temps de l’équipe et coûts partagés par canal",
    "channels": "ROI par canal",
    "campaigns": "ROI par campagne",
    "goals": "Objectifs et cibles",
    "lead_costs": "Coût par lead",
    "lead_costs_by_channel": "Coût par lead par canal",
    "bands": "Segments de leads",
    "funnel": "Entonnoir",
    "new_business": "Nouvelles affaires",
    "methods": "Méthode et hypothèses",
    "formulas": "Formules",
    "assumptions": "Hypothèses des objectifs",
    "settings_used": "Paramètres utilisés",
    "warnings": "Avertissements sur les données",
    "kpi_roi": "Retour sur investissement (valeurs des objectifs)",
    "kpi_investment": "Investissement",
    "kpi_return": "Retour (valeurs des objectifs)",
    "kpi_leads": "Leads CRM issus des réseaux sociaux",
    "kpi_cost_per_lead": "Coût par lead CRM",
    "kpi_won_deals": "Affaires gagnées avec les réseaux sociaux",
    "kpi_won_revenue": "Chiffre d’affaires gagné avec les réseaux sociaux",
    "kpi_previous": "Comparaison\u00a0: {value}",
    "kpi_no_previous": "Aucune période de comparaison",
    "col_channel": "Canal",
    "col_kind": "Nature",
    "col_category": "Catégorie",
    "col_type": "Type",
    "col_campaign": "Campagne",
    "col_amount": "Montant",
    "col_share": "Part",
    "col_costs": "Coûts",
    "col_staff": "Équipe",
    "col_shared": "Coûts partagés",
    "col_investment": "Investissement",
    "col_return": "Retour",
    "col_roi": "ROI",
    "col_band_roi": "ROI sur le chiffre d’affaires CRM",
    "col_leads": "Leads CRM",
    "col_cost_per_lead": "Coût par lead CRM",
    "col_goal": "Objectif",
    "col_metric": "Indicateur",
    "col_target": "Cible",
    "col_actual": "Réalisé",
    "col_attainment": "Atteinte",
    "col_cost_per_result": "Coût par résultat",
    "col_target_cost": "Coût cible par résultat",
    "col_status": "Coût par rapport à la cible",
    "col_deadline": "Échéance",
    "col_band": "Segment",
    "col_previous_leads": "Leads avant",
    "col_growth": "Croissance",
    "col_won": "Gagnés",
    "col_win_rate": "Taux de conversion",
    "col_revenue": "Chiffre d’affaires",
    "col_cost_per_won": "Coût par affaire gagnée",
    "col_stage": "Étape",
    "col_reached": "Leads qui l’atteignent",
    "col_pass_through": "Passage à l’étape suivante",
    "col_role": "Rôle des réseaux sociaux",
    "col_deals": "Affaires",
    "col_previous_deals": "Affaires avant",
    "col_previous_revenue": "Chiffre d’affaires avant",
    "col_change": "Évolution",
    "col_value_per_result": "Valeur d’un résultat",
    "col_basis": "Base de calcul",
    "col_where": "Emplacement",
    "col_warning": "Avertissement",
    "col_setting": "Paramètre",
    "col_value": "Valeur",
    "total": "Total",
    "kind_Social": "Réseaux sociaux",
    "kind_Other": "Autre",
    "type_Organic": "Organique",
    "type_Paid": "Payant",
    "category_Tools": "Outils",
    "category_Ads": "Publicité",
    "category_Materials": "Supports",
    "category_Agency": "Agence",
    "category_Content": "Contenu",
    "category_Other": "Autres",
    "category_Staff": "Temps de l’équipe",
    "band_Slow": "Lents",
    "band_Medium": "Moyens",
    "band_Fast": "Rapides",
    "band_Unscored": "Sans score",
    "stage_Lead": "Lead",
    "stage_MQL": "MQL",
    "stage_SQL": "SQL",
    "stage_Opportunity": "Opportunité",
    "stage_Won": "Gagné",
    "role_source": "Source d’origine",
    "role_conversion": "Point de conversion",
    "role_assist": "Contribution",
    "role_any": "L’un de ces rôles",
    "role_all_won": "Toutes les affaires gagnées (tous canaux)",
    "channel_All": "Tous les réseaux sociaux",
    "shared_row": "Partagé (canal All)",
    "no_campaign": "(sans campagne)",
    "others_row": "Autres ({count})",
    "capped_list": "Les {shown} plus importants par investissement sont détaillés et les "
    "{others} autres sont additionnés sur une ligne ; le classeur de résultats les reprend "
    "tous.",
    "status_ok": "Dans la cible",
    "status_over": "Au-dessus de la cible",
    "social_channels": "Réseaux sociaux",
    "other_channels": "Autres canaux",
    "investment_intro": "Les réseaux sociaux ont représenté un investissement de {total} sur "
    "la période{change}.",
    "investment_change": ", soit {change} par rapport à la période de comparaison",
    "staff_sentence": "Le temps de l’équipe a coûté {amount}, soit {share} de l’investissement.",
    "shared_Proportional": "Les coûts partagés (canal All, {amount}) sont répartis entre les "
    "réseaux sociaux au prorata de leurs coûts directs.",
    "shared_Even": "Les coûts partagés (canal All, {amount}) sont répartis à parts égales "
    "entre les réseaux sociaux.",
    "shared_None": "Les coûts partagés (canal All, {amount}) ne sont pas répartis\u00a0: ils "
    "figurent sur une ligne à part.",
    "channels_intro": "Retour et ROI de chaque réseau social, coûts partagés compris selon le "
    "réglage du classeur.",
    "campaigns_intro": "Campagnes classées par investissement.",
    "goals_intro": "L’atteinte compare le réalisé à la cible\u202f; le coût par résultat "
    "divise l’investissement sur le canal de l’objectif par le nombre de "
    "résultats.",
    "metric_platform_reported": "{metric} selon les plateformes (Results)",
    "lead_sources_note": "Les leads CRM (feuille Leads) sont ceux que votre CRM a "
    "enregistrés\u202f; les leads selon les plateformes (Results) sont le décompte propre à "
    "chaque plateforme, si bien que les deux chiffres et leurs coûts par lead diffèrent.",
    "lead_costs_intro": "Un lead CRM (feuille Leads) issu des réseaux sociaux a coûté "
    "{social}\u202f; un lead issu des autres canaux, {other}.",
    "lead_costs_intro_no_other": "Un lead CRM (feuille Leads) issu des réseaux sociaux a coûté "
    "{social}. Aucun autre canal n’a d’investissement et de leads à comparer.",
    "lead_costs_intro_no_social": "Aucun lead CRM (feuille Leads) n’est venu des réseaux sociaux "
    "sur cette période\u202f; un lead issu des autres canaux a coûté {other}.",
    "bands_intro": "Leads CRM (feuille Leads) issus des réseaux sociaux créés sur la période, "
    "classés par score\u00a0: Lents en dessous de {slow}, Rapides à partir de {fast}, Moyens "
    "entre les deux.",
    "unstaged_sentence": "L’investissement sans étape d’entonnoir ({amount}) est réparti entre "
    "les segments selon leur part de leads.",
    "weakest_stage": "L’étape la plus faible est {from_stage} → {to_stage}\u00a0: {pct} des "
    "leads passent à la suite.",
    "funnel_recent_note": "Les leads récents n’ont peut-être pas encore avancé.",
    "new_business_intro": "Affaires gagnées sur la période, selon le rôle des réseaux sociaux.",
    "warnings_intro": "Relevés lors de la vérification du classeur. Ils n’empêchent pas le "
    "rapport mais peuvent en modifier les chiffres.",
    "no_warnings": "La vérification du classeur n’a rien relevé de douteux.",
    "empty_investment": "Aucun coût ni temps d’équipe n’a été enregistré pour les réseaux "
    "sociaux sur cette période.",
    "empty_channels": "Aucun réseau social n’a d’investissement ni de résultat sur cette période.",
    "empty_campaigns": "Aucune campagne n’a d’investissement ni de résultat sur cette période.",
    "empty_goals": "La feuille Goals ne fixe aucun objectif.",
    "empty_lead_costs": "Aucun canal n’a d’investissement et de leads sur cette période.",
    "empty_bands": "Aucun lead issu des réseaux sociaux n’a été créé sur cette période.",
    "empty_funnel": "Aucun lead n’est entré dans l’entonnoir sur cette période.",
    "empty_new_business": "Aucune affaire n’a été gagnée sur cette période.",
    "empty_assumptions": "Aucun objectif ne donne de valeur aux résultats\u00a0: le retour est "
    "nul.",
    "empty_findings": "Les données de cette période ne suffisent pas à dégager des constats.",
    "f_roi_up": "Le ROI a progressé à {roi}, contre {previous} sur la période de comparaison "
    "({change}).",
    "f_roi_down": "Le ROI a reculé à {roi}, contre {previous} sur la période de comparaison "
    "({change}).",
    "f_roi_same": "Le ROI est resté à {roi}, comme sur la période de comparaison.",
    "f_roi_only": "Les réseaux sociaux ont rapporté {return_} pour {investment} investis, "
    "soit un ROI de {roi}.",
    "f_best_channel": "{channel} est le canal qui a le plus rapporté par unité "
    "investie\u00a0: {per_unit} pour {unit} investi (ROI de {roi}).",
    "f_goal_behind": "L’objectif {goal} est le plus en retard sur sa cible\u00a0: {actual} "
    "sur {target} ({attainment}).",
    "f_goals_met": "Tous les objectifs assortis d’une cible sont atteints\u202f; la plus "
    "faible atteinte est celle de {goal}, à {attainment}.",
    "f_band_grew": "Le segment {band} est celui qui a le plus progressé\u00a0: {now} contre "
    "{before} sur la période de comparaison ({growth}).",
    "f_weakest": "L’étape la plus faible de l’entonnoir est {from_stage} → {to_stage}\u00a0: "
    "seuls {pct} des leads passent à la suite.",
    "f_lead_cost": "Un lead CRM issu des réseaux sociaux a coûté {social}, contre {other} pour "
    "les autres canaux.",
    "f_new_business": "Les réseaux sociaux ont contribué à {deals}, pour {revenue}.",
    "deals_one": "{n} affaire gagnée",
    "deals_other": "{n} affaires gagnées",
    "leads_one": "{n} lead",
    "leads_other": "{n} leads",
    "f_investment": "L’investissement a évolué de {change} par rapport à la période de "
    "comparaison, pour atteindre {investment}.",
    "m_investment": "Investissement",
    "m_investment_text": "Σ coûts effectifs (Montant × Part sociale) + Σ coûts de l’équipe "
    "(Taux horaire × Heures), sur les réseaux sociaux et le canal All.",
    "m_return": "Retour",
    "m_return_text": "Σ Nombre × valeur d’un résultat, sur les lignes Results des réseaux sociaux.",
    "m_value": "Valeur d’un résultat",
    "m_value_text": "La valeur par résultat si elle est indiquée\u202f; sinon la conversion "
    "en client × la valeur par client\u202f; sinon 0 (l’objectif est suivi "
    "mais ne rapporte rien).",
    "m_roi": "ROI",
    "m_roi_text": "(Retour − Investissement) × 100 ÷ Investissement, le retour étant les "
    "résultats aux valeurs des objectifs\u202f; n.d. sans investissement.",
    "m_change": "Évolution",
    "m_change_text": "(cette période − période de comparaison) × 100 ÷ période de "
    "comparaison\u202f; l’évolution du ROI est en points de pourcentage "
    "(pts).",
    "m_goals": "Objectifs",
    "m_goals_text": "Atteinte = Réalisé ÷ Cible\u202f; Coût par résultat = investissement sur "
    "le canal de l’objectif ÷ Réalisé, comparé au coût cible par résultat.",
    "m_cpl": "Coût par lead CRM",
    "m_cpl_text": "Investissement du canal ÷ leads CRM (feuille Leads) dont la source est ce "
    "canal.",
    "m_bands": "Segments de leads",
    "m_bands_text": "Investissement du segment = coûts portant son étape d’entonnoir + les autres "
    "coûts au prorata de sa part de leads\u202f; coût par affaire gagnée = investissement du "
    "segment ÷ affaires gagnées\u202f; ROI du segment = (chiffre d’affaires CRM des affaires "
    "gagnées − investissement) × 100 ÷ investissement.",
    "m_funnel": "Entonnoir",
    "m_funnel_text": "Passage = leads ayant atteint l’étape suivante ÷ leads ayant atteint cette "
    "étape\u202f; un lead perdu avait atteint l’étape Opportunité\u202f; les leads créés en fin "
    "de période n’ont peut-être pas encore avancé.",
    "m_new_business": "Nouvelles affaires",
    "m_new_business_text": "Affaires gagnées sur la période dont les réseaux sociaux ont été "
    "la source d’origine, le point de conversion, une contribution ou "
    "l’un de ces rôles.",
    "basis_value": "Valeur par résultat",
    "basis_conversion": "{conversion} des résultats deviennent des clients valant {value}",
    "basis_none": "Sans valeur\u00a0: suivi par rapport à sa cible uniquement",
    "set_period": "Période du rapport",
    "set_compare": "Période de comparaison",
    "set_currency": "Devise",
    "set_shared": "Coûts partagés",
    "set_bands": "Segments de leads",
    "set_bands_value": "Lents en dessous de {slow}, Rapides à partir de {fast}",
    "shared_mode_Proportional": "Répartis au prorata des coûts directs",
    "shared_mode_Even": "Répartis à parts égales",
    "shared_mode_None": "Non répartis",
    "chart_this_period": "Cette période",
    "chart_comparison": "Période de comparaison",
    "chart_target": "Cible",
    "chart_summary_alt": "Graphique à barres de l’investissement et du retour sur cette "
    "période et sur la période de comparaison.",
    "chart_categories_alt": "Graphique à barres de l’investissement par catégorie.",
    "chart_channels_alt": "Graphique à barres de l’investissement et du retour par réseau social.",
    "chart_goals_alt": "Graphique à barres de l’atteinte de chaque objectif par rapport à sa "
    "cible de 100\u00a0%.",
    "chart_lead_costs_alt": "Graphique à barres du coût par lead par canal.",
    "chart_bands_alt": "Graphique à barres des leads par segment sur cette période et sur la "
    "période de comparaison.",
    "chart_funnel_alt": "Graphique à barres des leads atteignant chaque étape de l’entonnoir.",
}

PL = {
    "where_workbook": "skoroszyt",
    "warn_agency_fee_equals_ads": "ta opłata agencji równa się wydatkom na reklamy z wiersza "
    "{ad_row} arkusza Costs z tego samego miesiąca — jeśli je obejmuje, są liczone dwukrotnie; "
    "wpisuj opłaty agencji bez wydatków na reklamy",
    "warn_metric_without_goal": "żaden cel nie wycenia metryki {metric} — dodaj ją do arkusza "
    "Goals, inaczej jej wyniki nie mają wartości",
    "warn_leads_unscored": "leady bez oceny: {count}; są w grupie {unscored}, poza grupami według "
    "tempa",
    "warn_nothing_entered": "nie wpisano jeszcze kosztów, czasu pracy, wyników ani leadów — "
    "raport pokaże zera; wypełnij arkusze Costs, Staff, Results i Leads",
    "warn_nothing_in_period": "nic w arkuszach Costs, Staff, Results ani Leads nie ma daty w "
    "okresie raportu od {start} do {end} — raport pokaże zera; sprawdź Period start i Period "
    "end",
    "warn_rows_outside_periods": "wiersze z datą spoza okresu raportu i okresu porównawczego, "
    "niewliczone: {count}",
    "warn_unknown_setting": "{label} to nie jest ustawienie — czy chodziło o {meant}? Wartość "
    "jest pomijana, a {meant} ma wartość domyślną ({default}); zmień etykietę na {meant}",
    "warn_outsized_amount": "{value} to ponad 100 razy więcej niż mediana kategorii ({usual}) "
    "— sprawdź przecinek dziesiętny i zera",
    "warn_hours_over_month": "{value} godz. to więcej, niż ma miesiąc ({usual}) — sprawdź liczbę",
    "warn_date_far_away": "data {date} jest o lata odległa od pozostałych danych — czy rok "
    "jest wpisany poprawnie?",
    "warn_won_before_created": "leady wygrane przed datą utworzenia: {count} (pierwszy w "
    "wierszu {first_row}) — sprawdź obie daty",
    "warn_won_data_not_won": "leady z datą wygrania lub przychodem, ale bez etapu Won: {count} "
    "(pierwszy w wierszu {first_row}) — nie liczą się jako wygrane",
    "warn_won_without_revenue": "wygrane leady bez przychodu: {count} (pierwszy w wierszu "
    "{first_row}) — liczą się z przychodem 0",
    "default_title": "Raport ROI z mediów społecznościowych",
    "page": "Strona",
    "of": "z",
    "na": "b.d.",
    "none": "—",
    "points": "p.p.",
    "subject": "ROI z mediów społecznościowych: {client}, {period}",
    "keywords": "media społecznościowe, ROI, marketing",
    "contents": "Spis treści",
    "client": "Klient",
    "report_period": "Okres raportu",
    "compared_with": "Porównanie z",
    "prepared_by": "Przygotował",
    "issued": "Data wydania",
    "no_comparison": "brak okresu porównawczego",
    "compare_previous": "poprzednim okresem, {period}",
    "compare_last_year": "tym samym okresem rok wcześniej, {period}",
    "logo_alt": "Logo: {name}",
    "agency_logo_alt": "Logo: {name}",
    "report_mark_alt": "Znak raportu",
    "summary": "Podsumowanie dla zarządu",
    "findings": "Najważniejsze wnioski",
    "investment": "Nakłady",
    "by_category": "Nakłady według kategorii",
    "organic_paid": "Działania organiczne i płatne",
    "staff_time": "Czas zespołu i koszty wspólne według kanałów",
    "channels": "ROI według kanałów",
    "campaigns": "ROI według kampanii",
    "goals": "Realizacja celów",
    "lead_costs": "Koszt pozyskania leada",
    "lead_costs_by_channel": "Koszt leada według kanałów",
    "bands": "Grupy leadów",
    "funnel": "Lejek sprzedażowy",
    "new_business": "Nowa sprzedaż",
    "methods": "Metodologia i założenia",
    "formulas": "Wzory",
    "assumptions": "Założenia celów",
    "settings_used": "Użyte ustawienia",
    "warnings": "Ostrzeżenia dotyczące danych",
    "kpi_roi": "Zwrot z inwestycji (wartości celów)",
    "kpi_investment": "Nakłady",
    "kpi_return": "Zwrot (wartości celów)",
    "kpi_leads": "Leady z social mediów w CRM",
    "kpi_cost_per_lead": "Koszt leada z CRM",
    "kpi_won_deals": "Transakcje wygrane z udziałem social mediów",
    "kpi_won_revenue": "Przychód z tych transakcji",
    "kpi_previous": "Porównanie: {value}",
    "kpi_no_previous": "Brak okresu porównawczego",
    "col_channel": "Kanał",
    "col_kind": "Rodzaj",
    "col_category": "Kategoria",
    "col_type": "Typ",
    "col_campaign": "Kampania",
    "col_amount": "Kwota",
    "col_share": "Udział",
    "col_costs": "Koszty",
    "col_staff": "Zespół",
    "col_shared": "Koszty wspólne",
    "col_investment": "Nakłady",
    "col_return": "Zwrot",
    "col_roi": "ROI",
    "col_band_roi": "ROI z przychodu w CRM",
    "col_leads": "Leady z CRM",
    "col_cost_per_lead": "Koszt leada z CRM",
    "col_goal": "Cel",
    "col_metric": "Miernik",
    "col_target": "Wartość docelowa",
    "col_actual": "Wykonanie",
    "col_attainment": "Realizacja",
    "col_cost_per_result": "Koszt wyniku",
    "col_target_cost": "Docelowy koszt wyniku",
    "col_status": "Koszt a cel",
    "col_deadline": "Termin",
    "col_band": "Grupa",
    "col_previous_leads": "Leady wcześniej",
    "col_growth": "Wzrost",
    "col_won": "Wygrane",
    "col_win_rate": "Skuteczność",
    "col_revenue": "Przychód",
    "col_cost_per_won": "Koszt wygranej transakcji",
    "col_stage": "Etap",
    "col_reached": "Leady na tym etapie",
    "col_pass_through": "Przechodzi do następnego etapu",
    "col_role": "Rola social mediów",
    "col_deals": "Transakcje",
    "col_previous_deals": "Transakcje wcześniej",
    "col_previous_revenue": "Przychód wcześniej",
    "col_change": "Zmiana",
    "col_value_per_result": "Wartość jednego wyniku",
    "col_basis": "Podstawa",
    "col_where": "Miejsce",
    "col_warning": "Ostrzeżenie",
    "col_setting": "Ustawienie",
    "col_value": "Wartość",
    "total": "Razem",
    "kind_Social": "Social media",
    "kind_Other": "Inny",
    "type_Organic": "Organiczne",
    "type_Paid": "Płatne",
    "category_Tools": "Narzędzia",
    "category_Ads": "Reklamy",
    "category_Materials": "Materiały",
    "category_Agency": "Agencja",
    "category_Content": "Treści",
    "category_Other": "Inne",
    "category_Staff": "Czas zespołu",
    "band_Slow": "Wolne",
    "band_Medium": "Średnie",
    "band_Fast": "Szybkie",
    "band_Unscored": "Bez oceny",
    "stage_Lead": "Lead",
    "stage_MQL": "MQL",
    "stage_SQL": "SQL",
    "stage_Opportunity": "Szansa sprzedaży",
    "stage_Won": "Wygrana",
    "role_source": "Pierwotne źródło",
    "role_conversion": "Punkt konwersji",
    "role_assist": "Wsparcie",
    "role_any": "Dowolna z tych ról",
    "role_all_won": "Wszystkie wygrane transakcje (każdy kanał)",
    "channel_All": "Wszystkie kanały społecznościowe",
    "shared_row": "Wspólne (kanał All)",
    "no_campaign": "(bez kampanii)",
    "others_row": "Pozostałe ({count})",
    "capped_list": "Wymieniono osobno {shown} największych według inwestycji, a pozostałe "
    "({others}) zsumowano w jednym wierszu; skoroszyt wyników zawiera wszystkie.",
    "status_ok": "W granicach celu",
    "status_over": "Powyżej celu",
    "social_channels": "Kanały społecznościowe",
    "other_channels": "Inne kanały",
    "investment_intro": "Nakłady na media społecznościowe w okresie wyniosły {total}{change}.",
    "investment_change": ", czyli {change} względem okresu porównawczego",
    "staff_sentence": "Czas zespołu kosztował {amount}, co stanowi {share} nakładów.",
    "shared_Proportional": "Koszty wspólne (kanał All, {amount}) rozdzielono między kanały "
    "społecznościowe proporcjonalnie do ich kosztów bezpośrednich.",
    "shared_Even": "Koszty wspólne (kanał All, {amount}) rozdzielono po równo między kanały "
    "społecznościowe.",
    "shared_None": "Kosztów wspólnych (kanał All, {amount}) nie rozdzielono: pokazano je w "
    "osobnym wierszu.",
    "channels_intro": "Zwrot i ROI każdego kanału społecznościowego, z kosztami wspólnymi "
    "zgodnie z ustawieniem w skoroszycie.",
    "campaigns_intro": "Kampanie uporządkowane według nakładów.",
    "goals_intro": "Realizacja to wykonanie w stosunku do wartości docelowej; koszt wyniku to "
    "nakłady na kanał celu podzielone przez liczbę wyników.",
    "metric_platform_reported": "{metric} według platform (Results)",
    "lead_sources_note": "Leady z CRM (arkusz Leads) to leady zarejestrowane w CRM; leady według "
    "platform (Results) to liczba podana przez każdą platformę, dlatego obie liczby i wyliczone z "
    "nich koszty leada się różnią.",
    "lead_costs_intro": "Lead z CRM (arkusz Leads) pochodzący z mediów społecznościowych "
    "kosztował {social}, a lead z innych kanałów {other}.",
    "lead_costs_intro_no_other": "Lead z CRM (arkusz Leads) pochodzący z mediów społecznościowych "
    "kosztował {social}. Żaden inny kanał nie ma nakładów i leadów do porównania.",
    "lead_costs_intro_no_social": "W tym okresie żaden lead z CRM (arkusz Leads) nie pochodził z "
    "mediów społecznościowych; lead z innych kanałów kosztował {other}.",
    "bands_intro": "Leady z CRM (arkusz Leads) pochodzące z mediów społecznościowych, utworzone w "
    "okresie, pogrupowane według oceny: Wolne poniżej {slow}, Szybkie od {fast}, Średnie "
    "pomiędzy.",
    "unstaged_sentence": "Nakłady bez przypisanego etapu lejka ({amount}) rozdzielono między "
    "grupy według ich udziału w liczbie leadów.",
    "weakest_stage": "Najsłabszy etap to {from_stage} → {to_stage}: dalej przechodzi {pct} leadów.",
    "funnel_recent_note": "Najnowsze leady mogły jeszcze nie przejść dalej.",
    "new_business_intro": "Transakcje wygrane w okresie według roli mediów społecznościowych.",
    "warnings_intro": "Wykryte podczas sprawdzania skoroszytu. Nie wstrzymują raportu, ale "
    "mogą wpływać na jego wyniki.",
    "no_warnings": "Sprawdzenie skoroszytu nie wykazało wątpliwości.",
    "empty_investment": "W tym okresie nie zapisano kosztów ani czasu zespołu w mediach "
    "społecznościowych.",
    "empty_channels": "Żaden kanał społecznościowy nie ma w tym okresie nakładów ani wyników.",
    "empty_campaigns": "Żadna kampania nie ma w tym okresie nakładów ani wyników.",
    "empty_goals": "Arkusz Goals nie określa żadnych celów.",
    "empty_lead_costs": "Żaden kanał nie ma w tym okresie nakładów i leadów.",
    "empty_bands": "W tym okresie nie pozyskano leadów z mediów społecznościowych.",
    "empty_funnel": "W tym okresie żaden lead nie wszedł do lejka.",
    "empty_new_business": "W tym okresie nie wygrano żadnej transakcji.",
    "empty_assumptions": "Żaden cel nie nadaje wartości wynikom, więc zwrot wynosi zero.",
    "empty_findings": "Dane z tego okresu nie wystarczają do sformułowania wniosków.",
    "f_roi_up": "ROI wzrósł do {roi} z {previous} w okresie porównawczym ({change}).",
    "f_roi_down": "ROI spadł do {roi} z {previous} w okresie porównawczym ({change}).",
    "f_roi_same": "ROI utrzymał się na poziomie {roi}, tak jak w okresie porównawczym.",
    "f_roi_only": "Media społecznościowe przyniosły {return_} zwrotu przy nakładach "
    "{investment}, czyli ROI na poziomie {roi}.",
    "f_best_channel": "Najwyższy zwrot na jednostkę nakładów dał kanał {channel}: "
    "{per_unit} zwrotu na {unit} nakładów (ROI {roi}).",
    "f_goal_behind": "Najdalej od wartości docelowej jest cel {goal}: {actual} z {target} "
    "({attainment}).",
    "f_goals_met": "Wszystkie cele z wartością docelową zostały osiągnięte; najniższa "
    "realizacja to {attainment} dla celu {goal}.",
    "f_band_grew": "Najbardziej urosła grupa leadów {band}: {now} wobec {before} w okresie "
    "porównawczym ({growth}).",
    "f_weakest": "Najsłabszy etap lejka to {from_stage} → {to_stage}: dalej przechodzi tylko "
    "{pct} leadów.",
    "f_lead_cost": "Lead z CRM pochodzący z mediów społecznościowych kosztował {social}, wobec "
    "{other} w innych kanałach.",
    "f_new_business": "Media społecznościowe miały udział w {deals} o łącznej wartości {revenue}.",
    "deals_one": "{n} wygranej transakcji",
    "deals_other": "{n} wygranych transakcjach",
    "leads_one": "{n} lead",
    "leads_few": "{n} leady",
    "leads_many": "{n} leadów",
    "leads_other": "{n} leada",
    "f_investment": "Nakłady zmieniły się o {change} względem okresu porównawczego i wyniosły "
    "{investment}.",
    "m_investment": "Nakłady",
    "m_investment_text": "Σ kosztów efektywnych (Kwota × Udział social) + Σ kosztów pracy "
    "(Stawka godzinowa × Godziny) w kanałach społecznościowych i kanale "
    "All.",
    "m_return": "Zwrot",
    "m_return_text": "Σ Liczba × wartość jednego wyniku, dla wierszy Results z kanałów "
    "społecznościowych.",
    "m_value": "Wartość jednego wyniku",
    "m_value_text": "Wartość wyniku, jeśli podana; w przeciwnym razie konwersja na klienta × "
    "wartość klienta; w przeciwnym razie 0 (cel jest śledzony, ale nie daje "
    "pieniędzy).",
    "m_roi": "ROI",
    "m_roi_text": "(Zwrot − Nakłady) × 100 ÷ Nakłady, gdzie zwrot to wyniki według wartości "
    "celów; b.d., gdy nie było nakładów.",
    "m_change": "Zmiana",
    "m_change_text": "(ten okres − okres porównawczy) × 100 ÷ okres porównawczy; zmianę ROI "
    "podano w punktach procentowych (p.p.).",
    "m_goals": "Cele",
    "m_goals_text": "Realizacja = Wykonanie ÷ Wartość docelowa; Koszt wyniku = nakłady na "
    "kanał celu ÷ Wykonanie, w porównaniu z docelowym kosztem wyniku.",
    "m_cpl": "Koszt leada z CRM",
    "m_cpl_text": "Nakłady na kanał ÷ leady z CRM (arkusz Leads), których źródłem jest ten kanał.",
    "m_bands": "Grupy leadów",
    "m_bands_text": "Nakłady grupy = koszty z jej etapem lejka + pozostałe koszty według jej "
    "udziału w leadach; koszt wygranej transakcji = nakłady grupy ÷ wygrane transakcje; ROI grupy "
    "= (przychód w CRM z wygranych transakcji − nakłady) × 100 ÷ nakłady.",
    "m_funnel": "Lejek",
    "m_funnel_text": "Przejście = leady, które doszły do następnego etapu ÷ leady, które doszły "
    "do tego etapu; lead przegrany doszedł do etapu Szansa sprzedaży; leady utworzone pod koniec "
    "okresu mogły jeszcze nie przejść dalej.",
    "m_new_business": "Nowa sprzedaż",
    "m_new_business_text": "Transakcje z datą wygrania w okresie, w których media "
    "społecznościowe były pierwotnym źródłem, punktem konwersji, "
    "wsparciem lub dowolną z tych ról.",
    "basis_value": "Wartość wyniku",
    "basis_conversion": "{conversion} wyników zamienia się w klientów wartych {value}",
    "basis_none": "Bez wartości: śledzony tylko względem wartości docelowej",
    "set_period": "Okres raportu",
    "set_compare": "Okres porównawczy",
    "set_currency": "Waluta",
    "set_shared": "Koszty wspólne",
    "set_bands": "Grupy leadów",
    "set_bands_value": "Wolne poniżej {slow}, Szybkie od {fast}",
    "shared_mode_Proportional": "Rozdzielone proporcjonalnie do kosztów bezpośrednich",
    "shared_mode_Even": "Rozdzielone po równo",
    "shared_mode_None": "Nierozdzielone",
    "chart_this_period": "Ten okres",
    "chart_comparison": "Okres porównawczy",
    "chart_target": "Cel",
    "chart_summary_alt": "Wykres słupkowy nakładów i zwrotu w tym okresie i w okresie "
    "porównawczym.",
    "chart_categories_alt": "Wykres słupkowy nakładów według kategorii.",
    "chart_channels_alt": "Wykres słupkowy nakładów i zwrotu według kanałów społecznościowych.",
    "chart_goals_alt": "Wykres słupkowy realizacji każdego celu względem wartości docelowej 100%.",
    "chart_lead_costs_alt": "Wykres słupkowy kosztu leada według kanałów.",
    "chart_bands_alt": "Wykres słupkowy leadów według grup w tym okresie i w okresie porównawczym.",
    "chart_funnel_alt": "Wykres słupkowy leadów docierających do kolejnych etapów lejka.",
}

# Quotation marks around a name inside a sentence.
QUOTES = {
    "en": ("\u201c", "\u201d"),
    "es": ("\u00ab", "\u00bb"),
    "fr": ("\u00ab\u00a0", "\u00a0\u00bb"),
    "pl": ("\u201e", "\u201d"),
}

TEXTS = {"en": EN, "es": ES, "fr": FR, "pl": PL}


def texts(language: str) -> MappingProxyType:
    """The read-only table of UI strings of one report language."""
    try:
        return MappingProxyType(TEXTS[language])
    except KeyError:
        raise ValueError(
            f"no report texts for language {language!r}; use one of " + ", ".join(LANGUAGES)
        ) from None


def quote(name: str, language: str) -> str:
    opening, closing = QUOTES[language]
    return f"{opening}{name}{closing}"
