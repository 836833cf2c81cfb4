//! Parsing real-shaped metadata bodies (snippets of `shared/fixture-example.json`,
//! `emulator/datasets/demo.json` and the emulator's answers).

use super::*;

const FIELDS: &str = r#"{"properties":{
 "No":{"type":"RECORD_NUMBER","code":"No","label":"Record number","noLabel":false,"required":false},
 "Title":{"type":"SINGLE_LINE_TEXT","code":"Title","label":"件名","noLabel":false,"required":true,
   "unique":false,"maxLength":"64","minLength":"","defaultValue":""},
 "Amount":{"type":"NUMBER","code":"Amount","label":"金額","noLabel":false,"required":false,"defaultValue":"",
   "digit":true,"displayScale":"0","unit":"JPY","unitPosition":"AFTER","maxValue":"","minValue":"-5.5"},
 "Tax":{"type":"CALC","code":"Tax","label":"Tax","noLabel":false,"required":false,
   "expression":"ROUNDDOWN(Amount * 0.1, 0)","format":"NUMBER","displayScale":"0","hideExpression":false,
   "unit":"","unitPosition":"BEFORE"},
 "Due":{"type":"CALC","code":"Due","label":"Due","expression":"Day + 86400","format":"DATE"},
 "Took":{"type":"CALC","code":"Took","label":"Took","expression":"End - Start","format":"HOUR_MINUTE"},
 "Day":{"type":"DATE","code":"Day","label":"Day","noLabel":false,"required":false,"defaultValue":"",
   "defaultNowValue":true,"unique":false},
 "Kind":{"type":"DROP_DOWN","code":"Kind","label":"Kind","noLabel":false,"required":false,"defaultValue":"",
   "options":{"Supplies":{"label":"Supplies","index":"2"},"Travel":{"label":"Travel","index":"0"},
   "Meal":{"label":"Meal","index":"1"}}},
 "Flags":{"type":"CHECK_BOX","code":"Flags","label":"Flags","noLabel":false,"required":false,
   "defaultValue":["urgent"],"options":{"receipt":{"label":"receipt","index":"0"},"urgent":{"label":"urgent","index":"1"}}},
 "Approver":{"type":"USER_SELECT","code":"Approver","label":"Approver","noLabel":false,"required":false,
   "defaultValue":[{"code":"sato","type":"USER"}],"entities":[]},
 "customer":{"type":"SINGLE_LINE_TEXT","code":"customer","label":"顧客名","noLabel":false,"required":true,
   "unique":false,"maxLength":"","minLength":"","expression":"","hideExpression":false,"defaultValue":"",
   "lookup":{"relatedApp":{"app":"1","code":""},"relatedKeyField":"company_name",
   "fieldMappings":[{"field":"customer_country","relatedField":"country"}],
   "lookupPickerFields":["company_name","industry"],"filterCond":"","sort":"Record_number desc"}},
 "customer_country":{"type":"SINGLE_LINE_TEXT","code":"customer_country","label":"Country"},
 "Status":{"type":"STATUS","code":"Status","label":"Status","enabled":true},
 "Categories":{"type":"CATEGORY","code":"Categories","label":"Categories","enabled":false},
 "Grp":{"type":"GROUP","code":"Grp","label":"Group","noLabel":false,"openGroup":true},
 "Hologram":{"type":"HOLOGRAM","code":"Hologram","label":"From the future"},
 "Lines":{"type":"SUBTABLE","code":"Lines","label":"Lines","noLabel":false,"fields":{
   "Item":{"type":"SINGLE_LINE_TEXT","code":"Item","label":"Item","noLabel":false,"required":false,"defaultValue":""},
   "Cost":{"type":"NUMBER","code":"Cost","label":"Cost","noLabel":false,"required":false,"defaultValue":""}}}
},"revision":"5"}"#;

#[test]
fn form_fields_keep_order_and_parse_string_numbers() {
    let form = FormFields::from_json(FIELDS.as_bytes()).unwrap();
    assert_eq!(form.revision, 5);
    let codes: Vec<&str> = form.properties.keys().map(String::as_str).collect();
    assert_eq!(codes[..4], ["No", "Title", "Amount", "Tax"]);
    assert_eq!(codes.last(), Some(&"Lines"));

    let title = &form.properties["Title"];
    assert_eq!(title.field_type, FieldType::SingleLineText);
    assert_eq!(title.label, "件名");
    assert!(title.required && !title.unique);
    assert_eq!((title.max_length, title.min_length), (Some(64), None));
    assert_eq!(title.default_value, None);

    let amount = &form.properties["Amount"];
    assert_eq!(amount.max_value, None);
    assert_eq!(amount.min_value.as_deref(), Some("-5.5"));
    assert_eq!(amount.display_scale, Some(0));
    assert_eq!(amount.unit.as_deref(), Some("JPY"));
    assert!(amount.is_numeric());
}

#[test]
fn calc_formats() {
    let form = FormFields::from_json(FIELDS.as_bytes()).unwrap();
    let tax = &form.properties["Tax"];
    assert_eq!(tax.calc_format, Some(CalcFormat::Number));
    assert_eq!(
        tax.expression.as_deref(),
        Some("ROUNDDOWN(Amount * 0.1, 0)")
    );
    assert!(tax.is_numeric());
    assert_eq!(form.properties["Due"].calc_format, Some(CalcFormat::Date));
    assert!(!form.properties["Due"].is_numeric());
    assert_eq!(
        form.properties["Took"].calc_format,
        Some(CalcFormat::HourMinute)
    );
    // Non-CALC fields carry no format even when Kintone sends `expression`.
    assert_eq!(form.properties["customer"].calc_format, None);
}

#[test]
fn options_are_ordered_by_index_and_defaults_typed() {
    let form = FormFields::from_json(FIELDS.as_bytes()).unwrap();
    let kind = &form.properties["Kind"];
    let names: Vec<&str> = kind.option_names().collect();
    assert_eq!(names, ["Travel", "Meal", "Supplies"]);
    assert_eq!(kind.options[2].index, 2);
    assert_eq!(
        form.properties["Flags"].default_value,
        Some(DefaultValue::List(vec!["urgent".into()]))
    );
    assert_eq!(
        form.properties["Approver"].default_value,
        Some(DefaultValue::Entities(vec!["sato".into()]))
    );
    assert!(form.properties["Day"].default_now_value);
}

#[test]
fn lookups_and_their_targets() {
    let form = FormFields::from_json(FIELDS.as_bytes()).unwrap();
    let lookup = form.properties["customer"].lookup.as_ref().unwrap();
    assert_eq!(lookup.related_app.app, 1);
    assert_eq!(lookup.related_app.code, "");
    assert_eq!(lookup.related_key_field, "company_name");
    assert_eq!(
        lookup.field_mappings,
        vec![FieldMapping {
            field: "customer_country".into(),
            related_field: "country".into()
        }]
    );
    assert_eq!(lookup.sort, "Record_number desc");
    assert!(form.is_lookup_target("customer_country"));
    assert!(!form.is_lookup_target("customer"));
}

#[test]
fn subtables_layout_and_unknown_types() {
    let form = FormFields::from_json(FIELDS.as_bytes()).unwrap();
    let lines = &form.properties["Lines"];
    assert_eq!(lines.field_type, FieldType::Subtable);
    let sub: Vec<&str> = lines.fields.keys().map(String::as_str).collect();
    assert_eq!(sub, ["Item", "Cost"]);
    let cost = form.field("Cost").unwrap();
    assert_eq!(cost.subtable.as_deref(), Some("Lines"));
    assert!(cost.is_in_subtable() && !cost.is_sortable());
    assert_eq!(
        cost.queryable_operators(),
        vec![
            QueryOperator::Gt,
            QueryOperator::Lt,
            QueryOperator::GtEq,
            QueryOperator::LtEq,
            QueryOperator::In,
            QueryOperator::NotIn
        ]
    );
    assert!(form.properties["Amount"]
        .queryable_operators()
        .contains(&QueryOperator::Eq));
    assert_eq!(form.subtables().count(), 1);

    assert_eq!(
        form.properties["Hologram"].field_type,
        FieldType::Other("HOLOGRAM".into())
    );
    assert_eq!(form.properties["Grp"].field_type, FieldType::Group);
    let value_codes: Vec<&str> = form.value_fields().map(|f| f.code.as_str()).collect();
    assert!(!value_codes.contains(&"Grp") && !value_codes.contains(&"Hologram"));
    assert!(value_codes.contains(&"Lines"));

    assert_eq!(form.properties["Status"].enabled, Some(true));
    assert_eq!(form.properties["Categories"].enabled, Some(false));
    assert_eq!(form.properties["Title"].enabled, None);
}

#[test]
fn demo_dataset_forms_all_parse() {
    let demo: serde_json::Value =
        serde_json::from_str(include_str!("../../../emulator/datasets/demo.json")).unwrap();
    for app in demo["apps"].as_array().unwrap() {
        let body = serde_json::json!({"properties": app["properties"], "revision": "1"});
        let form = FormFields::from_json(body.to_string().as_bytes()).unwrap();
        assert_eq!(
            form.properties.len(),
            app["properties"].as_object().unwrap().len()
        );
        for def in form.properties.values() {
            assert!(
                !matches!(def.field_type, FieldType::Other(_)),
                "{}",
                def.code
            );
        }
    }
}

#[test]
fn apps_page() {
    let body = r#"{"apps":[{"appId":"3","code":"DEALS","name":"Deals","description":"<div>x</div>",
      "spaceId":"7","threadId":"8","createdAt":"2026-01-05T00:00:00.000Z",
      "creator":{"code":"sato","name":"Sato Hanako"},"modifiedAt":"2026-02-01T09:30:00.000Z",
      "modifier":{"code":"tanaka","name":"Tanaka Taro"}},
     {"appId":"4","code":"","name":"Plain","description":"","spaceId":null,"threadId":null,
      "createdAt":"2026-01-05T00:00:00Z","creator":{"code":"sato","name":"Sato"},
      "modifiedAt":"2026-01-05T00:00:00Z","modifier":{"code":"sato","name":"Sato"}}]}"#;
    let page = AppsPage::from_json(body.as_bytes()).unwrap();
    let deals = &page.apps[0];
    assert_eq!(deals.app_id, 3);
    assert_eq!(deals.code, "DEALS");
    assert_eq!((deals.space_id, deals.thread_id), (Some(7), Some(8)));
    assert_eq!(deals.creator.name, "Sato Hanako");
    assert_eq!(deals.modified_at.to_rfc3339(), "2026-02-01T09:30:00+00:00");
    assert_eq!(
        (page.apps[1].space_id, page.apps[1].thread_id),
        (None, None)
    );
    assert!(AppsPage::from_json(br#"{"apps":[{"appId":"x","name":"n"}]}"#).is_err());
}

#[test]
fn settings_number_precision_from_strings() {
    let body = r#"{"name":"Expenses","description":"","icon":{"type":"PRESET","key":"APP72"},
      "theme":"WHITE","numberPrecision":{"digits":"20","decimalPlaces":"6","roundingMode":"DOWN"},
      "firstMonthOfFiscalYear":"4","revision":"9"}"#;
    let settings = AppSettings::from_json(body.as_bytes()).unwrap();
    assert_eq!(settings.revision, Some(9));
    let p = &settings.number_precision;
    assert_eq!((p.digits, p.decimal_places), (20, 6));
    assert_eq!(p.rounding_mode, RoundingMode::Down);
    assert_eq!(p.decimal_type(), (20, 6));
    let default = AppSettings::from_json(br#"{"name":"x"}"#).unwrap();
    assert_eq!(default.number_precision, NumberPrecision::default());
    assert_eq!(default.number_precision.decimal_type(), (16, 4));
}

#[test]
fn process_management() {
    let body = r#"{"enable":true,"states":{
      "Done":{"name":"Done","index":"2","assignee":{"type":"ONE","entities":[]}},
      "Not started":{"name":"Not started","index":"0","assignee":{"type":"ONE","entities":[
        {"entity":{"type":"USER","code":"sato"},"includeSubs":false}]}},
      "In progress":{"name":"In progress","index":"1","assignee":{"type":"ONE","entities":[]}}},
      "actions":[{"name":"Start","from":"Not started","to":"In progress","filterCond":""},
        {"name":"Complete","from":"In progress","to":"Done","filterCond":"x = \"1\""}],"revision":"4"}"#;
    let pm = ProcessManagement::from_json(body.as_bytes()).unwrap();
    assert!(pm.enable);
    let names: Vec<&str> = pm.state_names().collect();
    assert_eq!(names, ["Not started", "In progress", "Done"]);
    assert_eq!(pm.actions[1].to, "Done");
    assert_eq!(pm.actions[1].filter_cond, "x = \"1\"");
    assert_eq!(pm.revision, Some(4));

    let never = ProcessManagement::from_json(
        br#"{"enable":false,"states":null,"actions":null,"revision":"1"}"#,
    )
    .unwrap();
    assert!(!never.enable && never.states.is_empty() && never.actions.is_empty());
}
