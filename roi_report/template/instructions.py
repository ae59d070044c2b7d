"""The Instructions sheet, the settings' help lines and the column notes, in en, es, fr, pl.

Only the explanations are translated: the contract's sheet names, headers and list values
(Costs, Social share, Paid, Won, ...) stay in English in every language, because the
reader matches them. `{currency}` in a text is replaced with the workbook's currency code.
"""

from __future__ import annotations

import re

from roi_report.template.touches_text import touches_section, v11_column_note
from roi_report.workbook import contract

# Block styles of the Instructions sheet.
TITLE, HEADING, TEXT, EXAMPLE = "title", "heading", "text", "example"

INSTRUCTIONS: dict[str, list[tuple[str, str]]] = {
    "en": [
        (TITLE, "How to fill in this workbook"),
        (
            TEXT,
            "This workbook collects everything needed to measure the return on investment "
            "(ROI) of your social media work. Fill in the sheets from left to right, then run "
            "roi-report build on the file: it checks every cell, tells you exactly what to fix "
            "and produces the report. Keep the column headers and the values of the dropdown "
            "lists exactly as they are (they stay in English in every language); you may add "
            "your own columns and sheets — they are ignored.",
        ),
        (HEADING, "The method in one minute"),
        (
            TEXT,
            "ROI % = (Return − Investment) × 100 / Investment. Investment is what social media "
            "cost you: tools, ads, materials, agency fees, content and your team's time. Return "
            "is what the results are worth: each result (a lead, a demo request, an email "
            "subscriber…) is valued by its goal on the Goals sheet.",
        ),
        (
            EXAMPLE,
            "Example: costs of 65,000 {currency} and 12,000 new email subscribers, of whom 1 in "
            "10 becomes a customer worth 150 {currency}. Each subscriber is worth 15 {currency}, "
            "the return is 180,000 {currency} and the ROI is (180,000 − 65,000) × 100 / 65,000 "
            "= 176.9 %.",
        ),
        (HEADING, "1. Report — the settings"),
        (
            TEXT,
            "Client, Period start and Period end are required. The report covers the period "
            "(both dates included) and compares it with: Previous period — the period right "
            "before it, of the same length (Q3 is compared with Q2; an odd range of days with "
            "the same number of days just before it); Same period last year; or None. Currency "
            "is a three-letter ISO code such as USD, EUR or PLN. Language sets the language of "
            "the report (en, es, fr, pl). Shared costs decides how costs entered on the channel "
            "All are split between channels: Proportional (in proportion to each channel's own "
            "costs), Even (equal parts) or None (shown on a separate Shared line). Slow band "
            "below and Fast band from set the lead-score bands (see Leads). Prepared by, Logo "
            "(an image file next to the workbook), Primary color, Accent color (#RRGGBB) and "
            "Email to are optional.",
        ),
        (HEADING, "2. Channels"),
        (
            TEXT,
            "List every channel once, with its Kind. Social channels (LinkedIn, Instagram, "
            "TikTok…) are the ones whose ROI is measured. Other channels (email, Google Ads, "
            "events…) are listed so that their cost per lead can be compared with social; they "
            "never count toward social ROI. Do not add a channel called All: All is reserved "
            "for costs and goals shared by every social channel.",
        ),
        (HEADING, "3. Costs — count every cost once"),
        (
            TEXT,
            "One row per invoice or monthly charge, with its Date, Category (Tools, Ads, "
            "Materials, Agency, Content, Other), Channel and Type (Organic or Paid). Enter "
            "amounts without tax, as positive numbers.",
        ),
        (
            TEXT,
            "A tool or material used only partly for social media is split with Social share.",
        ),
        (
            EXAMPLE,
            "Example: a scheduling and CRM tool costs 100 {currency} a month and is used 40 % "
            "for social media → Amount 100, Social share 40 %. The report counts 40 {currency}. "
            "Leave Social share blank when the cost is 100 % social.",
        ),
        (
            TEXT,
            "Use the channel All for costs shared by every social channel (a social media "
            "suite, an agency retainer); the Shared costs setting decides how they are split.",
        ),
        (
            TEXT,
            "Never count a cost twice: if your agency's invoice includes ad spend that you "
            "already entered as Ads, enter only the agency's own fee under Agency.",
        ),
        (
            TEXT,
            "Funnel stage (optional): Awareness, Consideration or Decision ties a cost to the "
            "Slow, Medium or Fast lead band.",
        ),
        (HEADING, "4. Staff — your team's time"),
        (
            TEXT,
            "People's time is an investment too. One row per person and stretch of work (a "
            "week, a month): Hourly rate × Hours = staff cost.",
        ),
        (EXAMPLE, "Example: 12 hours at 45 {currency} an hour → 540 {currency}."),
        (HEADING, "5. Goals — what a result is worth"),
        (
            TEXT,
            "One row per Metric and Channel; use All for a goal that covers every social "
            "channel (a goal on a single channel wins over the All goal). A result is valued by "
            "its Value per result if you enter one; otherwise by Conversion to customer × Value "
            "per customer: the conversion rate you have seen historically and what an average "
            "customer is worth to you.",
        ),
        (
            EXAMPLE,
            "Example: 1 email subscriber in 10 becomes a customer worth 150 {currency} → "
            "Conversion to customer 10 %, Value per customer 150: each subscriber is worth "
            "15 {currency}.",
        ),
        (
            TEXT,
            "Awareness goals (followers, shares, views) leave the value columns blank: they are "
            "tracked against their Target but add no money to the return. Target cost per "
            "result is the most you want to pay for one result.",
        ),
        (HEADING, "6. Results — what happened"),
        (
            TEXT,
            "One row per date, channel and metric with the Count achieved, for example the "
            "monthly totals from each platform's analytics. Every Metric must match a goal on "
            "the Goals sheet, on the same channel or on All, spelled the same way.",
        ),
        (HEADING, "7. Leads — your CRM export"),
        (
            TEXT,
            "Paste one row per lead from your CRM. Source is the channel the lead first came "
            "from; Converted via is the channel of the conversion point; Social assist (Yes/No) "
            "says whether social media touched the lead at any point. Stage follows the funnel "
            "Lead → MQL → SQL → Opportunity → Won, with Lost for opportunities that did not "
            "close. Enter Won date and Revenue for won deals.",
        ),
        (
            TEXT,
            "Score (0–100) puts each lead in a band: Slow below the Slow band below setting (40 "
            "by default), Fast from the Fast band from setting (70 by default), Medium in "
            "between. For each band the report shows how many leads came in, how many were "
            "won, what they cost and where the funnel leaks.",
        ),
        (HEADING, "8. Good to know"),
        (
            TEXT,
            "Dates can be real dates or text in the form 2025-03-14. Percentages can be typed "
            "as 40 % or 0.4. Rows may cover many months: only those in the reported period and "
            "in the comparison period are used. Every column header carries a note — hover over "
            "it, or select a cell below it, to read what to enter.",
        ),
        (HEADING, "Columns, sheet by sheet"),
    ],
    "es": [
        (TITLE, "Cómo rellenar este libro"),
        (
            TEXT,
            "Este libro reúne todo lo necesario para medir el retorno de la inversión (ROI) de "
            "su trabajo en redes sociales. Rellene las hojas de izquierda a derecha y después "
            "ejecute roi-report build sobre el archivo: la herramienta revisa cada celda, le "
            "indica con precisión qué corregir y genera el informe. Mantenga los encabezados de "
            "las columnas y los valores de las listas desplegables tal como están (siguen en "
            "inglés en todos los idiomas); puede añadir sus propias columnas y hojas, que se "
            "ignoran.",
        ),
        (HEADING, "El método en un minuto"),
        (
            TEXT,
            "ROI % = (Retorno − Inversión) × 100 / Inversión. La inversión es lo que le cuestan "
            "las redes sociales: herramientas, publicidad, materiales, honorarios de agencia, "
            "contenidos y el tiempo de su equipo. El retorno es lo que valen los resultados: "
            "cada resultado (un lead, una solicitud de demo, un suscriptor de email…) se valora "
            "según su objetivo en la hoja Goals.",
        ),
        (
            EXAMPLE,
            "Ejemplo: unos costes de 65.000 {currency} y 12.000 nuevos suscriptores de email, de "
            "los que 1 de cada 10 se convierte en un cliente que vale 150 {currency}. Cada "
            "suscriptor vale 15 {currency}, el retorno es de 180.000 {currency} y el ROI es "
            "(180.000 − 65.000) × 100 / 65.000 = 176,9 %.",
        ),
        (HEADING, "1. Report: la configuración"),
        (
            TEXT,
            "Client, Period start y Period end son obligatorios. El informe cubre el periodo "
            "(ambas fechas incluidas) y lo compara con: Previous period, el periodo "
            "inmediatamente anterior y de la misma duración (el tercer trimestre se compara con "
            "el segundo; un intervalo irregular de días, con el mismo número de días justo "
            "antes); Same period last year, el mismo periodo del año anterior; o None, sin "
            "comparación. Currency es un código ISO de tres letras, como USD, EUR o PLN. "
            "Language fija el idioma del informe (en, es, fr, pl). Shared costs decide cómo se "
            "reparten entre los canales los costes introducidos en el canal All: Proportional "
            "(en proporción a los costes propios de cada canal), Even (a partes iguales) o None "
            "(se muestran en una línea Shared aparte). Slow band below y Fast band from definen "
            "las franjas de puntuación de los leads (véase Leads). Prepared by, Logo (un archivo "
            "de imagen junto al libro), Primary color, Accent color (#RRGGBB) y Email to son "
            "opcionales.",
        ),
        (HEADING, "2. Channels: los canales"),
        (
            TEXT,
            "Indique cada canal una sola vez, con su tipo (Kind). Los canales Social (LinkedIn, "
            "Instagram, TikTok…) son aquellos cuyo ROI se mide. Los canales Other (email, Google "
            "Ads, eventos…) se incluyen para comparar su coste por lead con el de las redes "
            "sociales; nunca cuentan para el ROI social. No añada ningún canal llamado All: All "
            "está reservado para los costes y objetivos que comparten todos los canales "
            "sociales.",
        ),
        (HEADING, "3. Costs: cada coste, una sola vez"),
        (
            TEXT,
            "Una fila por factura o cargo mensual, con su fecha (Date), su categoría (Category: "
            "Tools, Ads, Materials, Agency, Content, Other), su canal (Channel) y su tipo (Type: "
            "Organic o Paid). Introduzca los importes sin impuestos y en positivo.",
        ),
        (
            TEXT,
            "Una herramienta o un material que solo se usa en parte para las redes sociales se "
            "reparte con Social share.",
        ),
        (
            EXAMPLE,
            "Ejemplo: una herramienta de programación y CRM cuesta 100 {currency} al mes y se "
            "usa en un 40 % para redes sociales → Amount 100, Social share 40 %. El informe "
            "cuenta 40 {currency}. Deje Social share en blanco si el coste es 100 % social.",
        ),
        (
            TEXT,
            "Use el canal All para los costes que comparten todos los canales sociales (una "
            "suite de gestión de redes, la cuota fija de una agencia); el ajuste Shared costs "
            "decide cómo se reparten.",
        ),
        (
            TEXT,
            "No cuente nunca un coste dos veces: si la factura de su agencia incluye inversión "
            "publicitaria que ya ha anotado como Ads, introduzca en Agency solo los honorarios "
            "de la agencia.",
        ),
        (
            TEXT,
            "Funnel stage (opcional): Awareness, Consideration o Decision vincula un coste a la "
            "franja de leads Slow, Medium o Fast.",
        ),
        (HEADING, "4. Staff: el tiempo de su equipo"),
        (
            TEXT,
            "El tiempo de las personas también es inversión. Una fila por persona y periodo de "
            "trabajo (una semana, un mes): Hourly rate × Hours = coste de personal.",
        ),
        (EXAMPLE, "Ejemplo: 12 horas a 45 {currency} la hora → 540 {currency}."),
        (HEADING, "5. Goals: cuánto vale un resultado"),
        (
            TEXT,
            "Una fila por métrica (Metric) y canal (Channel); use All para un objetivo que "
            "abarque todos los canales sociales (el objetivo de un canal concreto prevalece "
            "sobre el de All). Un resultado se valora por su Value per result, si lo indica; si "
            "no, por Conversion to customer × Value per customer, es decir, la tasa de "
            "conversión que ha observado históricamente multiplicada por lo que vale para "
            "usted un cliente medio.",
        ),
        (
            EXAMPLE,
            "Ejemplo: 1 de cada 10 suscriptores de email se convierte en un cliente que vale "
            "150 {currency} → Conversion to customer 10 %, Value per customer 150: cada "
            "suscriptor vale 15 {currency}.",
        ),
        (
            TEXT,
            "Los objetivos de notoriedad (seguidores, contenidos compartidos, visualizaciones) "
            "dejan en blanco las columnas de valor: se comparan con su Target, pero no suman "
            "dinero al retorno. Target cost per result es lo máximo que quiere pagar por cada "
            "resultado.",
        ),
        (HEADING, "6. Results: lo que ha ocurrido"),
        (
            TEXT,
            "Una fila por fecha, canal y métrica con la cantidad obtenida (Count), por ejemplo "
            "los totales mensuales de la analítica de cada plataforma. Cada Metric debe "
            "coincidir, escrita exactamente igual, con un objetivo de la hoja Goals, del mismo "
            "canal o de All.",
        ),
        (HEADING, "7. Leads: la exportación de su CRM"),
        (
            TEXT,
            "Pegue una fila por lead desde su CRM. Source es el canal de origen del lead (primer "
            "contacto); Converted via, el canal del punto de conversión; Social assist (Yes/No) "
            "indica si las redes sociales intervinieron en algún momento. Stage sigue el embudo "
            "Lead → MQL → SQL → Opportunity → Won; Lost corresponde a las oportunidades que no "
            "se cerraron. Indique Won date y Revenue en los negocios ganados.",
        ),
        (
            TEXT,
            "Score (0–100) sitúa cada lead en una franja: Slow por debajo del ajuste Slow band "
            "below (40 por defecto), Fast a partir del ajuste Fast band from (70 por defecto) y "
            "Medium entre ambos. Para cada franja, el informe muestra cuántos leads entraron, "
            "cuántos se ganaron, cuánto costaron y en qué etapa pierde más el embudo.",
        ),
        (HEADING, "8. Conviene saber"),
        (
            TEXT,
            "Las fechas pueden ser fechas reales o texto con el formato 2025-03-14. Los "
            "porcentajes pueden escribirse como 40 % o 0,4. Las filas pueden abarcar muchos "
            "meses: solo se usan las del periodo del informe y las del periodo de comparación. "
            "Cada encabezado de columna lleva una nota: pase el ratón por encima o seleccione "
            "una celda de la columna para ver qué debe introducir.",
        ),
        (HEADING, "Las columnas, hoja por hoja"),
    ],
    "fr": [
        (TITLE, "Comment remplir ce classeur"),
        (
            TEXT,
            "Ce classeur rassemble tout ce qu'il faut pour mesurer le retour sur investissement "
            "(ROI) de vos actions sur les réseaux sociaux. Remplissez les feuilles de gauche à "
            "droite, puis lancez roi-report build sur le fichier : l'outil vérifie chaque "
            "cellule, vous indique précisément quoi corriger et produit le rapport. Conservez "
            "les en-têtes de colonnes et les valeurs des listes déroulantes tels quels (ils "
            "restent en anglais quelle que soit la langue) ; vous pouvez ajouter vos propres "
            "colonnes et feuilles, elles sont ignorées.",
        ),
        (HEADING, "La méthode en une minute"),
        (
            TEXT,
            "ROI % = (Retour − Investissement) × 100 / Investissement. L'investissement, c'est "
            "ce que vous coûtent les réseaux sociaux : outils, publicité, supports, honoraires "
            "d'agence, contenus et temps de votre équipe. Le retour, c'est ce que valent les "
            "résultats : chaque résultat (un lead, une demande de démo, un inscrit à la "
            "newsletter…) est valorisé par son objectif dans la feuille Goals.",
        ),
        (
            EXAMPLE,
            "Exemple : 65 000 {currency} de coûts et 12 000 nouveaux inscrits à la newsletter, "
            "dont 1 sur 10 devient un client qui vaut 150 {currency}. Chaque inscrit vaut "
            "15 {currency}, le retour est de 180 000 {currency} et le ROI de "
            "(180 000 − 65 000) × 100 / 65 000 = 176,9 %.",
        ),
        (HEADING, "1. Report : les paramètres"),
        (
            TEXT,
            "Client, Period start et Period end sont obligatoires. Le rapport couvre la période "
            "(les deux dates incluses) et la compare avec : Previous period, la période qui la "
            "précède immédiatement, de même durée (le 3e trimestre est comparé au 2e ; une plage "
            "de jours quelconque, au même nombre de jours juste avant) ; Same period last year, "
            "la même période l'année précédente ; ou None, sans comparaison. Currency est un "
            "code ISO à trois lettres, par exemple USD, EUR ou PLN. Language fixe la langue du "
            "rapport (en, es, fr, pl). Shared costs détermine la répartition entre les canaux "
            "des coûts saisis sur le canal All : Proportional (au prorata des coûts propres de "
            "chaque canal), Even (à parts égales) ou None (affichés sur une ligne Shared "
            "distincte). Slow band below et Fast band from définissent les tranches de score "
            "des leads (voir Leads). Prepared by, Logo (un fichier image placé à côté du "
            "classeur), Primary color, Accent color (#RRGGBB) et Email to sont facultatifs.",
        ),
        (HEADING, "2. Channels : les canaux"),
        (
            TEXT,
            "Indiquez chaque canal une seule fois, avec son type (Kind). Les canaux Social "
            "(LinkedIn, Instagram, TikTok…) sont ceux dont on mesure le ROI. Les canaux Other "
            "(e-mailing, Google Ads, salons…) servent à comparer leur coût par lead à celui des "
            "réseaux sociaux ; ils ne comptent jamais dans le ROI social. N'ajoutez pas de canal "
            "nommé All : All est réservé aux coûts et aux objectifs communs à tous les canaux "
            "sociaux.",
        ),
        (HEADING, "3. Costs : chaque coût une seule fois"),
        (
            TEXT,
            "Une ligne par facture ou prélèvement mensuel, avec sa date (Date), sa catégorie "
            "(Category : Tools, Ads, Materials, Agency, Content, Other), son canal (Channel) et "
            "son type (Type : Organic ou Paid). Saisissez les montants hors taxes, en positif.",
        ),
        (
            TEXT,
            "Un outil ou un support qui ne sert qu'en partie aux réseaux sociaux se répartit "
            "avec Social share.",
        ),
        (
            EXAMPLE,
            "Exemple : un outil de planification et de CRM coûte 100 {currency} par mois et sert "
            "à 40 % aux réseaux sociaux → Amount 100, Social share 40 %. Le rapport compte "
            "40 {currency}. Laissez Social share vide quand le coût est 100 % social.",
        ),
        (
            TEXT,
            "Utilisez le canal All pour les coûts partagés par tous les canaux sociaux (une "
            "suite de gestion des réseaux sociaux, le forfait mensuel d'une agence) ; le "
            "paramètre Shared costs détermine leur répartition.",
        ),
        (
            TEXT,
            "Ne comptez jamais un coût deux fois : si la facture de votre agence inclut des "
            "achats publicitaires déjà saisis en Ads, n'indiquez en Agency que les honoraires de "
            "l'agence.",
        ),
        (
            TEXT,
            "Funnel stage (facultatif) : Awareness, Consideration ou Decision rattache un coût à "
            "la tranche de leads Slow, Medium ou Fast.",
        ),
        (HEADING, "4. Staff : le temps de votre équipe"),
        (
            TEXT,
            "Le temps des personnes est aussi un investissement. Une ligne par personne et par "
            "période de travail (une semaine, un mois) : Hourly rate × Hours = coût de "
            "personnel.",
        ),
        (EXAMPLE, "Exemple : 12 heures à 45 {currency} de l'heure → 540 {currency}."),
        (HEADING, "5. Goals : ce que vaut un résultat"),
        (
            TEXT,
            "Une ligne par indicateur (Metric) et par canal (Channel) ; utilisez All pour un "
            "objectif qui couvre tous les canaux sociaux (un objectif propre à un canal "
            "l'emporte sur celui de All). Un résultat est valorisé par Value per result si vous "
            "la renseignez ; sinon par Conversion to customer × Value per customer : le taux de "
            "conversion constaté par le passé multiplié par ce que vous rapporte un client "
            "moyen.",
        ),
        (
            EXAMPLE,
            "Exemple : 1 inscrit à la newsletter sur 10 devient un client qui vaut "
            "150 {currency} → Conversion to customer 10 %, Value per customer 150 : chaque "
            "inscrit vaut 15 {currency}.",
        ),
        (
            TEXT,
            "Les objectifs de notoriété (abonnés, partages, vues) laissent les colonnes de "
            "valeur vides : ils sont suivis par rapport à leur Target, mais n'ajoutent rien au "
            "retour. Target cost per result est le coût maximal que vous acceptez pour un "
            "résultat.",
        ),
        (HEADING, "6. Results : ce qui s'est passé"),
        (
            TEXT,
            "Une ligne par date, canal et indicateur avec le nombre obtenu (Count), par exemple "
            "les totaux mensuels des statistiques de chaque plateforme. Chaque Metric doit "
            "correspondre, orthographiée à l'identique, à un objectif de la feuille Goals, sur "
            "le même canal ou sur All.",
        ),
        (HEADING, "7. Leads : l'export de votre CRM"),
        (
            TEXT,
            "Collez une ligne par lead depuis votre CRM. Source est le canal d'origine du lead "
            "(premier contact) ; Converted via, le canal du point de conversion ; Social assist "
            "(Yes/No) indique si les réseaux sociaux sont intervenus à un moment ou à un autre. "
            "Stage suit l'entonnoir Lead → MQL → SQL → Opportunity → Won ; Lost désigne les "
            "opportunités perdues. Renseignez Won date et Revenue pour les affaires gagnées.",
        ),
        (
            TEXT,
            "Le Score (0–100) classe chaque lead dans une tranche : Slow en dessous du paramètre "
            "Slow band below (40 par défaut), Fast à partir du paramètre Fast band from (70 par "
            "défaut), Medium entre les deux. Pour chaque tranche, le rapport indique combien de "
            "leads sont arrivés, combien ont été gagnés, ce qu'ils ont coûté et à quelle étape "
            "l'entonnoir perd le plus de prospects.",
        ),
        (HEADING, "8. Bon à savoir"),
        (
            TEXT,
            "Les dates peuvent être de vraies dates ou du texte au format 2025-03-14. Les "
            "pourcentages peuvent être saisis sous la forme 40 % ou 0,4. Les lignes peuvent "
            "couvrir de nombreux mois : seules celles de la période du rapport et de la période "
            "de comparaison sont prises en compte. Chaque en-tête de colonne porte une note : "
            "survolez-le ou sélectionnez une cellule de la colonne pour savoir quoi saisir.",
        ),
        (HEADING, "Les colonnes, feuille par feuille"),
    ],
    "pl": [
        (TITLE, "Jak wypełnić ten skoroszyt"),
        (
            TEXT,
            "Ten skoroszyt zbiera wszystko, czego potrzeba do zmierzenia zwrotu z inwestycji "
            "(ROI) w działania w mediach społecznościowych. Wypełnij arkusze od lewej do prawej, "
            "a następnie uruchom na pliku polecenie roi-report build: narzędzie sprawdzi każdą "
            "komórkę, wskaże dokładnie, co poprawić, i przygotuje raport. Nagłówki kolumn i "
            "wartości z list rozwijanych pozostaw bez zmian (we wszystkich językach są po "
            "angielsku); możesz dodawać własne kolumny i arkusze — zostaną pominięte.",
        ),
        (HEADING, "Metoda w minutę"),
        (
            TEXT,
            "ROI % = (Zwrot − Inwestycja) × 100 / Inwestycja. Inwestycja to wszystko, co "
            "kosztują Cię media społecznościowe: narzędzia, reklamy, materiały, wynagrodzenie "
            "agencji, treści i czas Twojego zespołu. Zwrot to wartość osiągniętych wyników: "
            "każdy wynik (lead, prośba o demo, subskrybent newslettera…) jest wyceniany według "
            "swojego celu w arkuszu Goals.",
        ),
        (
            EXAMPLE,
            "Przykład: koszty 65 000 {currency} i 12 000 nowych subskrybentów newslettera, z "
            "których co dziesiąty zostaje klientem wartym 150 {currency}. Każdy subskrybent jest "
            "wart 15 {currency}, zwrot wynosi 180 000 {currency}, a ROI "
            "(180 000 − 65 000) × 100 / 65 000 = 176,9%.",
        ),
        (HEADING, "1. Report — ustawienia"),
        (
            TEXT,
            "Pola Client, Period start i Period end są obowiązkowe. Raport obejmuje wskazany "
            "okres (łącznie z obiema datami) i porównuje go z: Previous period — okresem "
            "bezpośrednio poprzedzającym, o tej samej długości (III kwartał porównywany jest z "
            "II kwartałem, a dowolny zakres dni z taką samą liczbą dni tuż przed nim); Same "
            "period last year — tym samym okresem rok wcześniej; albo None — bez porównania. "
            "Currency to trzyliterowy kod waluty ISO, np. USD, EUR lub PLN. Language określa "
            "język raportu (en, es, fr, pl). Shared costs decyduje, jak koszty wpisane na kanał "
            "All są dzielone między kanały: Proportional (proporcjonalnie do kosztów własnych "
            "każdego kanału), Even (po równo) lub None (w osobnym wierszu Shared). Slow band "
            "below i Fast band from wyznaczają przedziały punktacji leadów (zob. Leads). "
            "Prepared by, Logo (plik graficzny obok skoroszytu), Primary color, Accent color "
            "(#RRGGBB) i Email to są opcjonalne.",
        ),
        (HEADING, "2. Channels — kanały"),
        (
            TEXT,
            "Wpisz każdy kanał jeden raz, razem z jego rodzajem (Kind). Kanały Social "
            "(LinkedIn, Instagram, TikTok…) to te, których ROI jest mierzone. Kanały Other "
            "(e-mail, Google Ads, wydarzenia…) służą do porównania kosztu pozyskania leada z "
            "mediami społecznościowymi; nigdy nie wliczają się do ROI mediów "
            "społecznościowych. Nie dodawaj kanału o nazwie All: nazwa All jest zarezerwowana "
            "dla kosztów i celów wspólnych dla wszystkich kanałów społecznościowych.",
        ),
        (HEADING, "3. Costs — każdy koszt tylko raz"),
        (
            TEXT,
            "Jeden wiersz na fakturę lub miesięczną opłatę: data (Date), kategoria (Category: "
            "Tools, Ads, Materials, Agency, Content, Other), kanał (Channel) i rodzaj (Type: "
            "Organic lub Paid). Kwoty wpisuj netto, jako liczby dodatnie.",
        ),
        (
            TEXT,
            "Narzędzie lub materiał, który tylko częściowo służy mediom społecznościowym, "
            "dzielisz za pomocą kolumny Social share.",
        ),
        (
            EXAMPLE,
            "Przykład: narzędzie do planowania publikacji i CRM kosztuje 100 {currency} "
            "miesięcznie i w 40% służy mediom społecznościowym → Amount 100, Social share 40%. "
            "Raport uwzględni 40 {currency}. Jeśli cały koszt dotyczy mediów "
            "społecznościowych, zostaw Social share puste.",
        ),
        (
            TEXT,
            "Kanału All używaj dla kosztów wspólnych dla wszystkich kanałów społecznościowych "
            "(pakiet do zarządzania mediami społecznościowymi, stały abonament agencji); "
            "ustawienie Shared costs decyduje o ich podziale.",
        ),
        (
            TEXT,
            "Nigdy nie licz kosztu dwa razy: jeśli faktura agencji obejmuje budżet reklamowy "
            "wpisany już jako Ads, w kategorii Agency wpisz tylko wynagrodzenie agencji.",
        ),
        (
            TEXT,
            "Funnel stage (opcjonalnie): Awareness, Consideration lub Decision wiąże koszt z "
            "przedziałem leadów Slow, Medium lub Fast.",
        ),
        (HEADING, "4. Staff — czas Twojego zespołu"),
        (
            TEXT,
            "Czas ludzi to także inwestycja. Jeden wiersz na osobę i okres pracy (tydzień, "
            "miesiąc): Hourly rate × Hours = koszt pracy.",
        ),
        (EXAMPLE, "Przykład: 12 godzin po 45 {currency} za godzinę → 540 {currency}."),
        (HEADING, "5. Goals — ile jest wart wynik"),
        (
            TEXT,
            "Jeden wiersz na miarę (Metric) i kanał (Channel); użyj All dla celu obejmującego "
            "wszystkie kanały społecznościowe (cel przypisany do konkretnego kanału ma "
            "pierwszeństwo przed celem All). Wynik jest wyceniany według Value per result, "
            "jeśli ją podasz; w przeciwnym razie jako Conversion to customer × Value per "
            "customer, czyli historyczny współczynnik konwersji pomnożony przez wartość "
            "przeciętnego klienta.",
        ),
        (
            EXAMPLE,
            "Przykład: co dziesiąty subskrybent newslettera zostaje klientem wartym "
            "150 {currency} → Conversion to customer 10%, Value per customer 150: każdy "
            "subskrybent jest wart 15 {currency}.",
        ),
        (
            TEXT,
            "Cele wizerunkowe (obserwujący, udostępnienia, wyświetlenia) mają puste kolumny "
            "wartości: są rozliczane względem wartości Target, ale nie dodają pieniędzy do "
            "zwrotu. Target cost per result to najwyższy koszt, jaki chcesz ponieść za jeden "
            "wynik.",
        ),
        (HEADING, "6. Results — co się wydarzyło"),
        (
            TEXT,
            "Jeden wiersz na datę, kanał i miarę z osiągniętą liczbą (Count), np. miesięczne "
            "sumy ze statystyk każdej platformy. Każda wartość Metric musi odpowiadać, w "
            "identycznym zapisie, celowi z arkusza Goals na tym samym kanale lub na All.",
        ),
        (HEADING, "7. Leads — eksport z CRM"),
        (
            TEXT,
            "Wklej z CRM jeden wiersz na każdego leada. Source to kanał, z którego lead "
            "pochodzi (pierwszy kontakt); Converted via — kanał punktu konwersji; Social assist "
            "(Yes/No) mówi, czy media społecznościowe zetknęły się z leadem na którymkolwiek "
            "etapie. Stage odpowiada lejkowi Lead → MQL → SQL → Opportunity → Won; Lost oznacza "
            "utracone szanse sprzedaży. Dla wygranych transakcji wpisz Won date i Revenue.",
        ),
        (
            TEXT,
            "Score (0–100) przypisuje każdego leada do przedziału: Slow poniżej ustawienia Slow "
            "band below (domyślnie 40), Fast od ustawienia Fast band from (domyślnie 70), "
            "Medium pomiędzy nimi. Dla każdego przedziału raport pokazuje, ile leadów "
            "napłynęło, ile z nich wygrano, ile kosztowały i na którym etapie lejek traci "
            "najwięcej.",
        ),
        (HEADING, "8. Warto wiedzieć"),
        (
            TEXT,
            "Daty mogą być prawdziwymi datami lub tekstem w formacie 2025-03-14. Procenty można "
            "wpisać jako 40% lub 0,4. Wiersze mogą obejmować wiele miesięcy: uwzględniane są "
            "tylko te z okresu raportu i z okresu porównawczego. Każdy nagłówek kolumny ma "
            "notatkę — najedź na niego kursorem albo zaznacz komórkę w kolumnie, aby zobaczyć, "
            "co wpisać.",
        ),
        (HEADING, "Kolumny arkusz po arkuszu"),
    ],
}

# One line per setting, shown in the Help column of the Report sheet (keyed by Setting.key).
SETTING_HELP: dict[str, dict[str, str]] = {
    "en": {
        "client": "Client or company name shown on the report (required).",
        "title": "Title on the cover of the report.",
        "period_start": "First day of the reported period (required).",
        "period_end": "Last day of the reported period, included (required).",
        "compare_with": "Previous period, Same period last year or None.",
        "currency": "Three-letter ISO currency code, e.g. USD, EUR or PLN.",
        "language": "Language of the report: en, es, fr or pl.",
        "shared_costs": "How costs on the channel All reach channels: Proportional, Even or "
        "None (a separate Shared line).",
        "slow_below": "Leads scoring below this are Slow.",
        "fast_from": "Leads scoring this or more are Fast; in between they are Medium.",
        "prepared_by": "Agency or team name shown on the report (optional).",
        "logo": "Logo image file, path relative to this workbook (optional).",
        "primary_color": "Main brand color of the report, #RRGGBB.",
        "accent_color": "Accent color of the report, #RRGGBB.",
        "email_to": "Recipients of the report, separated by commas (optional).",
    },
    "es": {
        "client": "Nombre del cliente o de la empresa que aparece en el informe (obligatorio).",
        "title": "Título de la portada del informe.",
        "period_start": "Primer día del periodo del informe (obligatorio).",
        "period_end": "Último día del periodo del informe, incluido (obligatorio).",
        "compare_with": "Previous period, Same period last year o None.",
        "currency": "Código ISO de la moneda, de tres letras: USD, EUR, PLN…",
        "language": "Idioma del informe: en, es, fr o pl.",
        "shared_costs": "Cómo se reparten los costes del canal All: Proportional, Even o None "
        "(una línea Shared aparte).",
        "slow_below": "Los leads con una puntuación inferior son Slow.",
        "fast_from": "Los leads con esta puntuación o más son Fast; los intermedios, Medium.",
        "prepared_by": "Nombre de la agencia o del equipo que figura en el informe (opcional).",
        "logo": "Archivo de imagen del logotipo, ruta relativa a este libro (opcional).",
        "primary_color": "Color principal de la marca en el informe, #RRGGBB.",
        "accent_color": "Color de acento del informe, #RRGGBB.",
        "email_to": "Destinatarios del informe, separados por comas (opcional).",
    },
    "fr": {
        "client": "Nom du client ou de l'entreprise affiché sur le rapport (obligatoire).",
        "title": "Titre de la couverture du rapport.",
        "period_start": "Premier jour de la période du rapport (obligatoire).",
        "period_end": "Dernier jour de la période du rapport, inclus (obligatoire).",
        "compare_with": "Previous period, Same period last year ou None.",
        "currency": "Code ISO de la devise, en trois lettres : USD, EUR, PLN…",
        "language": "Langue du rapport : en, es, fr ou pl.",
        "shared_costs": "Répartition des coûts du canal All : Proportional, Even ou None (une "
        "ligne Shared distincte).",
        "slow_below": "Les leads dont le score est inférieur sont Slow.",
        "fast_from": "Les leads dont le score atteint cette valeur sont Fast ; entre les deux, "
        "Medium.",
        "prepared_by": "Nom de l'agence ou de l'équipe affiché sur le rapport (facultatif).",
        "logo": "Fichier image du logo, chemin relatif à ce classeur (facultatif).",
        "primary_color": "Couleur principale de la marque dans le rapport, #RRGGBB.",
        "accent_color": "Couleur d'accent du rapport, #RRGGBB.",
        "email_to": "Destinataires du rapport, séparés par des virgules (facultatif).",
    },
    "pl": {
        "client": "Nazwa klienta lub firmy widoczna w raporcie (wymagane).",
        "title": "Tytuł na okładce raportu.",
        "period_start": "Pierwszy dzień okresu raportu (wymagane).",
        "period_end": "Ostatni dzień okresu raportu, włącznie (wymagane).",
        "compare_with": "Previous period, Same period last year lub None.",
        "currency": "Trzyliterowy kod waluty ISO, np. USD, EUR lub PLN.",
        "language": "Język raportu: en, es, fr lub pl.",
        "shared_costs": "Podział kosztów z kanału All: Proportional, Even lub None (osobny "
        "wiersz Shared).",
        "slow_below": "Leady z niższą punktacją trafiają do przedziału Slow.",
        "fast_from": "Leady z co najmniej taką punktacją są Fast; pomiędzy — Medium.",
        "prepared_by": "Nazwa agencji lub zespołu widoczna w raporcie (opcjonalnie).",
        "logo": "Plik z logo, ścieżka względem tego skoroszytu (opcjonalnie).",
        "primary_color": "Główny kolor marki w raporcie, #RRGGBB.",
        "accent_color": "Kolor akcentu w raporcie, #RRGGBB.",
        "email_to": "Odbiorcy raportu, rozdzieleni przecinkami (opcjonalnie).",
    },
}

# Notes per table column, keyed by (table name, column key). Each note is at most 255
# characters: Excel refuses longer input messages on a data validation.
_CHANNEL_OR_ALL = {
    "en": "A channel from the Channels sheet, or All for one shared by every social channel.",
    "es": "Un canal de la hoja Channels, o All si lo comparten todos los canales sociales.",
    "fr": "Un canal de la feuille Channels, ou All s'il est commun à tous les canaux sociaux.",
    "pl": "Kanał z arkusza Channels albo All, jeśli dotyczy wszystkich kanałów społecznościowych.",
}
_TYPE = {
    "en": "Organic (unpaid reach) or Paid (promoted, advertising).",
    "es": "Organic (alcance orgánico, sin pago) o Paid (promocionado, publicidad).",
    "fr": "Organic (portée organique, non payante) ou Paid (sponsorisé, publicité).",
    "pl": "Organic (zasięg organiczny, bezpłatny) lub Paid (promowany, reklama).",
}
_CAMPAIGN = {
    "en": "Optional campaign name, e.g. Q3 Product launch. Spell it the same way on every sheet.",
    "es": "Nombre de la campaña (opcional), p. ej. T3 Lanzamiento de producto. Escríbalo igual "
    "en todas las hojas.",
    "fr": "Nom de la campagne (facultatif), par ex. T3 Lancement produit. Écrivez-le de la même "
    "façon sur toutes les feuilles.",
    "pl": "Nazwa kampanii (opcjonalnie), np. Q3 Premiera produktu. Zapisuj ją tak samo we "
    "wszystkich arkuszach.",
}

COLUMN_NOTES: dict[str, dict[tuple[str, str], str]] = {
    "en": {
        ("Channels", "channel"): "The channel's name, exactly as you use it on the other sheets "
        "(e.g. LinkedIn). Each channel once. Do not use All: it is reserved.",
        ("Channels", "kind"): "Social: counts toward social ROI. Other (e.g. Email, Google Ads): "
        "listed only to compare cost per lead.",
        ("Costs", "date"): "Date of the cost (invoice or month), e.g. 2025-03-14.",
        ("Costs", "category"): "Tools, Ads, Materials, Agency, Content or Other.",
        ("Costs", "channel"): _CHANNEL_OR_ALL["en"],
        ("Costs", "type"): _TYPE["en"],
        ("Costs", "campaign"): _CAMPAIGN["en"],
        ("Costs", "description"): "Optional: what was bought, e.g. Canva Pro – monthly plan.",
        ("Costs", "amount"): "Amount without tax, a positive number. Do not enter ad spend "
        "again inside agency fees.",
        ("Costs", "social_share"): "Part of a shared tool or material used for social, 0–100 %. "
        "Blank = 100 %. A tool used 40 % for social: 40 %.",
        ("Costs", "funnel_stage"): "Optional: Awareness, Consideration or Decision ties the cost "
        "to the Slow, Medium or Fast lead band.",
        ("Staff", "date"): "Date of the work, e.g. the first day of the week or month.",
        ("Staff", "person"): "Optional: who did the work.",
        ("Staff", "channel"): _CHANNEL_OR_ALL["en"],
        ("Staff", "type"): _TYPE["en"],
        ("Staff", "campaign"): _CAMPAIGN["en"],
        ("Staff", "hourly_rate"): "Cost of one hour of this person's time (pay plus overheads).",
        ("Staff", "hours"): "Hours spent in this stretch of work. Staff cost = Hourly rate × "
        "Hours.",
        ("Goals", "goal"): "A short name for the goal, e.g. Leads from LinkedIn.",
        ("Goals", "metric"): "The result counted, e.g. Leads, Demo requests, Followers. Results "
        "rows use the same Metric.",
        ("Goals", "channel"): "The channel this goal covers, or All for every social channel. "
        "Each Metric and Channel pair once.",
        ("Goals", "target"): "Optional: how many results you aim for in the reported period.",
        ("Goals", "target_cost_per_result"): "Optional: the most you want to pay for one result.",
        ("Goals", "deadline"): "Optional: the date by which the target should be reached.",
        ("Goals", "conversion"): "Share of these results that historically become customers, "
        "e.g. 10 % (1 in 10). Blank for an awareness goal.",
        ("Goals", "value_per_customer"): "What an average customer is worth to you, e.g. "
        "first-year revenue. Blank for an awareness goal.",
        ("Goals", "value_per_result"): "Optional: the value of one result, used instead of "
        "Conversion to customer × Value per customer.",
        ("Results", "date"): "Date of the results, e.g. the last day of the month for monthly "
        "totals.",
        ("Results", "channel"): _CHANNEL_OR_ALL["en"],
        ("Results", "type"): _TYPE["en"],
        ("Results", "campaign"): _CAMPAIGN["en"],
        ("Results", "metric"): "Must match a Metric on the Goals sheet (same channel or All), "
        "spelled the same way.",
        ("Results", "count"): "How many results, e.g. 42 leads.",
        ("Leads", "lead_id"): "The lead's ID in your CRM, e.g. L-000123.",
        ("Leads", "created"): "Date the lead was created.",
        ("Leads", "source"): "Channel where the lead originated (first touch), from the "
        "Channels sheet.",
        ("Leads", "score"): "Lead score 0–100: Slow below the Slow band setting, Fast from the "
        "Fast band setting, Medium in between.",
        ("Leads", "stage"): "Lead, MQL, SQL, Opportunity, Won or Lost.",
        ("Leads", "social_assist"): "Yes if social media touched this lead at any point, "
        "otherwise No.",
        ("Leads", "converted_via"): "Optional: the channel of the conversion point.",
        ("Leads", "won_date"): "Date the deal was won (Won leads only).",
        ("Leads", "revenue"): "Revenue of the won deal (Won leads only).",
        ("Leads", "campaign"): _CAMPAIGN["en"],
    },
    "es": {
        ("Channels", "channel"): "Nombre del canal, tal como lo usa en las demás hojas (p. ej. "
        "LinkedIn). Cada canal una sola vez. No use All: está reservado.",
        ("Channels", "kind"): "Social: cuenta para el ROI social. Other (p. ej. Email, Google "
        "Ads): solo sirve para comparar el coste por lead.",
        ("Costs", "date"): "Fecha del coste (factura o mes), p. ej. 2025-03-14.",
        ("Costs", "category"): "Tools, Ads, Materials, Agency, Content u Other.",
        ("Costs", "channel"): _CHANNEL_OR_ALL["es"],
        ("Costs", "type"): _TYPE["es"],
        ("Costs", "campaign"): _CAMPAIGN["es"],
        ("Costs", "description"): "Opcional: qué se compró, p. ej. Canva Pro – plan mensual.",
        ("Costs", "amount"): "Importe sin impuestos, en positivo. No vuelva a incluir la "
        "inversión publicitaria en los honorarios de la agencia.",
        ("Costs", "social_share"): "Parte de una herramienta o material compartido que se usa "
        "en redes sociales, 0–100 %. En blanco = 100 %. Si se usa un 40 %: 40 %.",
        ("Costs", "funnel_stage"): "Opcional: Awareness, Consideration o Decision vincula el "
        "coste a la franja de leads Slow, Medium o Fast.",
        ("Staff", "date"): "Fecha del trabajo, p. ej. el primer día de la semana o del mes.",
        ("Staff", "person"): "Opcional: quién hizo el trabajo.",
        ("Staff", "channel"): _CHANNEL_OR_ALL["es"],
        ("Staff", "type"): _TYPE["es"],
        ("Staff", "campaign"): _CAMPAIGN["es"],
        ("Staff", "hourly_rate"): "Coste de una hora de trabajo de esta persona (sueldo más "
        "costes indirectos).",
        ("Staff", "hours"): "Horas dedicadas en este periodo. Coste de personal = Hourly rate × "
        "Hours.",
        ("Goals", "goal"): "Nombre breve del objetivo, p. ej. Leads de LinkedIn.",
        ("Goals", "metric"): "El resultado que se cuenta, p. ej. Leads o Seguidores. Las filas "
        "de Results usan la misma Metric.",
        ("Goals", "channel"): "Canal al que se aplica el objetivo, o All para todos los canales "
        "sociales. Cada par Metric y Channel, una sola vez.",
        ("Goals", "target"): "Opcional: cuántos resultados se quieren lograr en el periodo del "
        "informe.",
        ("Goals", "target_cost_per_result"): "Opcional: lo máximo que quiere pagar por un "
        "resultado.",
        ("Goals", "deadline"): "Opcional: fecha límite para alcanzar el objetivo.",
        ("Goals", "conversion"): "Parte de estos resultados que históricamente se convierte en "
        "clientes, p. ej. 10 % (1 de cada 10). En blanco en objetivos de notoriedad.",
        ("Goals", "value_per_customer"): "Lo que vale para usted un cliente medio, p. ej. los "
        "ingresos del primer año. En blanco en objetivos de notoriedad.",
        ("Goals", "value_per_result"): "Opcional: el valor de un resultado; sustituye a "
        "Conversion to customer × Value per customer.",
        ("Results", "date"): "Fecha de los resultados, p. ej. el último día del mes para "
        "totales mensuales.",
        ("Results", "channel"): _CHANNEL_OR_ALL["es"],
        ("Results", "type"): _TYPE["es"],
        ("Results", "campaign"): _CAMPAIGN["es"],
        ("Results", "metric"): "Debe coincidir, escrita igual, con una Metric de la hoja Goals "
        "(del mismo canal o de All).",
        ("Results", "count"): "Cuántos resultados, p. ej. 42 leads.",
        ("Leads", "lead_id"): "Identificador del lead en su CRM, p. ej. L-000123.",
        ("Leads", "created"): "Fecha de creación del lead.",
        ("Leads", "source"): "Canal de origen del lead (primer contacto), de la hoja Channels.",
        ("Leads", "score"): "Puntuación del lead, 0–100: Slow por debajo del ajuste Slow band, "
        "Fast a partir del ajuste Fast band, Medium entre ambos.",
        ("Leads", "stage"): "Lead, MQL, SQL, Opportunity, Won o Lost.",
        ("Leads", "social_assist"): "Yes si las redes sociales intervinieron en algún momento; "
        "si no, No.",
        ("Leads", "converted_via"): "Opcional: el canal del punto de conversión.",
        ("Leads", "won_date"): "Fecha en que se ganó el negocio (solo leads Won).",
        ("Leads", "revenue"): "Ingresos del negocio ganado (solo leads Won).",
        ("Leads", "campaign"): _CAMPAIGN["es"],
    },
    "fr": {
        ("Channels", "channel"): "Nom du canal, tel que vous l'utilisez dans les autres "
        "feuilles (par ex. LinkedIn). Chaque canal une seule fois. N'utilisez pas All : il est "
        "réservé.",
        ("Channels", "kind"): "Social : compte dans le ROI social. Other (par ex. Email, Google "
        "Ads) : sert seulement à comparer le coût par lead.",
        ("Costs", "date"): "Date du coût (facture ou mois), par ex. 2025-03-14.",
        ("Costs", "category"): "Tools, Ads, Materials, Agency, Content ou Other.",
        ("Costs", "channel"): _CHANNEL_OR_ALL["fr"],
        ("Costs", "type"): _TYPE["fr"],
        ("Costs", "campaign"): _CAMPAIGN["fr"],
        ("Costs", "description"): "Facultatif : ce qui a été acheté, par ex. Canva Pro – "
        "abonnement mensuel.",
        ("Costs", "amount"): "Montant hors taxes, en positif. Ne comptez pas une seconde fois "
        "les achats publicitaires dans les honoraires de l'agence.",
        ("Costs", "social_share"): "Part d'un outil ou d'un support partagé utilisée pour les "
        "réseaux sociaux, 0–100 %. Vide = 100 %. Un outil utilisé à 40 % : 40 %.",
        ("Costs", "funnel_stage"): "Facultatif : Awareness, Consideration ou Decision rattache "
        "le coût à la tranche de leads Slow, Medium ou Fast.",
        ("Staff", "date"): "Date du travail, par ex. le premier jour de la semaine ou du mois.",
        ("Staff", "person"): "Facultatif : qui a fait le travail.",
        ("Staff", "channel"): _CHANNEL_OR_ALL["fr"],
        ("Staff", "type"): _TYPE["fr"],
        ("Staff", "campaign"): _CAMPAIGN["fr"],
        ("Staff", "hourly_rate"): "Coût d'une heure de travail de cette personne (salaire et "
        "charges).",
        ("Staff", "hours"): "Heures passées sur cette période. Coût de personnel = Hourly rate "
        "× Hours.",
        ("Goals", "goal"): "Nom court de l'objectif, par ex. Leads LinkedIn.",
        ("Goals", "metric"): "Le résultat compté, par ex. Leads ou Abonnés. Les lignes de "
        "Results utilisent la même Metric.",
        ("Goals", "channel"): "Le canal visé par l'objectif, ou All pour tous les canaux "
        "sociaux. Chaque couple Metric et Channel une seule fois.",
        ("Goals", "target"): "Facultatif : le nombre de résultats visé sur la période du rapport.",
        ("Goals", "target_cost_per_result"): "Facultatif : le coût maximal accepté pour un "
        "résultat.",
        ("Goals", "deadline"): "Facultatif : la date à laquelle l'objectif doit être atteint.",
        ("Goals", "conversion"): "Part de ces résultats qui deviennent clients d'après "
        "l'historique, par ex. 10 % (1 sur 10). Vide pour un objectif de notoriété.",
        ("Goals", "value_per_customer"): "Ce que vous rapporte un client moyen, par ex. le "
        "chiffre d'affaires de la première année. Vide pour un objectif de notoriété.",
        ("Goals", "value_per_result"): "Facultatif : la valeur d'un résultat, utilisée à la "
        "place de Conversion to customer × Value per customer.",
        ("Results", "date"): "Date des résultats, par ex. le dernier jour du mois pour des "
        "totaux mensuels.",
        ("Results", "channel"): _CHANNEL_OR_ALL["fr"],
        ("Results", "type"): _TYPE["fr"],
        ("Results", "campaign"): _CAMPAIGN["fr"],
        ("Results", "metric"): "Doit correspondre, écrite à l'identique, à une Metric de la "
        "feuille Goals (même canal ou All).",
        ("Results", "count"): "Le nombre de résultats, par ex. 42 leads.",
        ("Leads", "lead_id"): "L'identifiant du lead dans votre CRM, par ex. L-000123.",
        ("Leads", "created"): "Date de création du lead.",
        ("Leads", "source"): "Canal d'origine du lead (premier contact), de la feuille Channels.",
        ("Leads", "score"): "Score du lead, 0–100 : Slow sous le seuil Slow band, Fast à partir "
        "du seuil Fast band, Medium entre les deux.",
        ("Leads", "stage"): "Lead, MQL, SQL, Opportunity, Won ou Lost.",
        ("Leads", "social_assist"): "Yes si les réseaux sociaux sont intervenus à un moment ou "
        "à un autre, sinon No.",
        ("Leads", "converted_via"): "Facultatif : le canal du point de conversion.",
        ("Leads", "won_date"): "Date à laquelle l'affaire a été gagnée (leads Won uniquement).",
        ("Leads", "revenue"): "Chiffre d'affaires de l'affaire gagnée (leads Won uniquement).",
        ("Leads", "campaign"): _CAMPAIGN["fr"],
    },
    "pl": {
        ("Channels", "channel"): "Nazwa kanału, dokładnie taka jak w pozostałych arkuszach "
        "(np. LinkedIn). Każdy kanał tylko raz. Nie używaj All: ta nazwa jest zarezerwowana.",
        ("Channels", "kind"): "Social: wlicza się do ROI mediów społecznościowych. Other (np. "
        "Email, Google Ads): tylko do porównania kosztu leada.",
        ("Costs", "date"): "Data kosztu (faktury lub miesiąca), np. 2025-03-14.",
        ("Costs", "category"): "Tools, Ads, Materials, Agency, Content lub Other.",
        ("Costs", "channel"): _CHANNEL_OR_ALL["pl"],
        ("Costs", "type"): _TYPE["pl"],
        ("Costs", "campaign"): _CAMPAIGN["pl"],
        ("Costs", "description"): "Opcjonalnie: co kupiono, np. Canva Pro – abonament miesięczny.",
        ("Costs", "amount"): "Kwota netto, liczba dodatnia. Nie wliczaj ponownie budżetu "
        "reklamowego do wynagrodzenia agencji.",
        ("Costs", "social_share"): "Część wspólnego narzędzia lub materiału wykorzystywana w "
        "mediach społecznościowych, 0–100%. Puste = 100%. Narzędzie używane w 40%: 40%.",
        ("Costs", "funnel_stage"): "Opcjonalnie: Awareness, Consideration lub Decision wiąże "
        "koszt z przedziałem leadów Slow, Medium lub Fast.",
        ("Staff", "date"): "Data pracy, np. pierwszy dzień tygodnia lub miesiąca.",
        ("Staff", "person"): "Opcjonalnie: kto wykonał pracę.",
        ("Staff", "channel"): _CHANNEL_OR_ALL["pl"],
        ("Staff", "type"): _TYPE["pl"],
        ("Staff", "campaign"): _CAMPAIGN["pl"],
        ("Staff", "hourly_rate"): "Koszt jednej godziny pracy tej osoby (wynagrodzenie wraz z "
        "narzutami).",
        ("Staff", "hours"): "Liczba godzin w tym okresie. Koszt pracy = Hourly rate × Hours.",
        ("Goals", "goal"): "Krótka nazwa celu, np. Leady z LinkedIn.",
        ("Goals", "metric"): "Liczony wynik, np. Leady lub Obserwujący. Wiersze w Results "
        "używają tej samej wartości Metric.",
        ("Goals", "channel"): "Kanał, którego dotyczy cel, albo All dla wszystkich kanałów "
        "społecznościowych. Każda para Metric i Channel tylko raz.",
        ("Goals", "target"): "Opcjonalnie: ile wyników chcesz osiągnąć w okresie raportu.",
        ("Goals", "target_cost_per_result"): "Opcjonalnie: najwyższy koszt, jaki chcesz ponieść "
        "za jeden wynik.",
        ("Goals", "deadline"): "Opcjonalnie: termin osiągnięcia celu.",
        ("Goals", "conversion"): "Jaka część tych wyników historycznie staje się klientami, np. "
        "10% (co dziesiąty). Puste dla celu wizerunkowego.",
        ("Goals", "value_per_customer"): "Wartość przeciętnego klienta, np. przychód z "
        "pierwszego roku. Puste dla celu wizerunkowego.",
        ("Goals", "value_per_result"): "Opcjonalnie: wartość jednego wyniku, stosowana zamiast "
        "Conversion to customer × Value per customer.",
        ("Results", "date"): "Data wyników, np. ostatni dzień miesiąca dla sum miesięcznych.",
        ("Results", "channel"): _CHANNEL_OR_ALL["pl"],
        ("Results", "type"): _TYPE["pl"],
        ("Results", "campaign"): _CAMPAIGN["pl"],
        ("Results", "metric"): "Musi odpowiadać, w identycznym zapisie, wartości Metric z "
        "arkusza Goals (ten sam kanał lub All).",
        ("Results", "count"): "Liczba wyników, np. 42 leady.",
        ("Leads", "lead_id"): "Identyfikator leada w CRM, np. L-000123.",
        ("Leads", "created"): "Data utworzenia leada.",
        ("Leads", "source"): "Kanał, z którego pochodzi lead (pierwszy kontakt), z arkusza "
        "Channels.",
        ("Leads", "score"): "Punktacja leada 0–100: Slow poniżej progu Slow band, Fast od progu "
        "Fast band, Medium pomiędzy.",
        ("Leads", "stage"): "Lead, MQL, SQL, Opportunity, Won lub Lost.",
        ("Leads", "social_assist"): "Yes, jeśli media społecznościowe miały kontakt z leadem na "
        "dowolnym etapie, w przeciwnym razie No.",
        ("Leads", "converted_via"): "Opcjonalnie: kanał punktu konwersji.",
        ("Leads", "won_date"): "Data wygrania transakcji (tylko leady Won).",
        ("Leads", "revenue"): "Przychód z wygranej transakcji (tylko leady Won).",
        ("Leads", "campaign"): _CAMPAIGN["pl"],
    },
}

# Labels of the Instructions sheet's column reference ("Sheet Costs", "optional").
SHEET_LABEL = {"en": "Sheet", "es": "Hoja", "fr": "Feuille", "pl": "Arkusz"}
OPTIONAL_LABEL = {
    "en": "optional column",
    "es": "columna opcional",
    "fr": "colonne facultative",
    "pl": "kolumna opcjonalna",
}

_NBSP = "\u00a0"
_FRENCH_SPACE = re.compile(r" ([:;!?%»])")
_THOUSANDS = re.compile(r"(?<=\d) (?=\d{3}\b)")


def _typeset(text: str, language: str) -> str:
    """Non-breaking spaces where French and Polish typography want them."""
    if language in ("fr", "pl"):
        text = _THOUSANDS.sub(_NBSP, text)
    if language == "fr":
        text = _FRENCH_SPACE.sub(_NBSP + r"\1", text)
    elif language in ("en", "es"):
        text = text.replace(" %", _NBSP + "%")
    return text


def language_or_default(language: object) -> str:
    text = str(language or "").strip().lower()
    return text if text in contract.LANGUAGES else "en"


def instruction_blocks(language: str, currency: str = "USD") -> list[tuple[str, str]]:
    """The Instructions sheet as (style, text) blocks, ending with the column reference."""
    language = language_or_default(language)
    blocks = [
        (style, _typeset(text.replace("{currency}", currency), language))
        for style, text in INSTRUCTIONS[language]
    ]
    heading, paragraphs = touches_section(language)  # v1.1, before the column reference
    blocks[-1:-1] = [(HEADING, heading), *((TEXT, _typeset(p, language)) for p in paragraphs)]
    for table in (*contract.FACT_TABLES, *contract.OPTIONAL_TABLES):
        blocks.append((HEADING, f"{SHEET_LABEL[language]} {table.sheet}"))
        for column in table.columns:
            optional = "" if column.required else f" ({OPTIONAL_LABEL[language]})"
            note = column_note(table.name, column.key, language)
            blocks.append((TEXT, f"{column.header}{optional} — {note}"))
    return blocks


def column_note(table: str, key: str, language: str) -> str:
    v11 = v11_column_note(table, key, language)
    if v11 is not None:
        return _typeset(v11, language)
    return _typeset(COLUMN_NOTES[language_or_default(language)][(table, key)], language)


def setting_help(key: str, language: str) -> str:
    return _typeset(SETTING_HELP[language_or_default(language)][key], language)
