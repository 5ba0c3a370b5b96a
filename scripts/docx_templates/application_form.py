"""DOCX template of 认证申请书."""

from .kit import doc_head, heading, kv_table, para, paragraphs, table, new_document


def build():
    doc = new_document()
    doc_head(doc, "{{ doc.title }}", "依据 {{ standard.full_title }}")
    kv_table(doc, [("申请单位", "{{ company.name }}"), ("认证机构", "{{ company.application.body }}"),
                   ("申请类型", "{{ company.application.kind }}"), ("申请星级", "{{ company.application.target_level }}"),
                   ("申请日期", "{{ company.application.date|cn_date }}"),
                   ("材料编号", "{{ company.application.binder_number|dash }}")])
    heading(doc, "一、申请单位基本信息")
    kv_table(doc, [
        ("单位名称", "{{ company.name }}"), ("统一社会信用代码", "{{ company.uscc }}"),
        ("法定代表人", "{{ company.legal_representative }}"), ("成立日期", "{{ company.established|cn_date }}"),
        ("注册资本", "{{ company.registered_capital|dash }}"), ("企业性质", "{{ company.ownership|dash }}"),
        ("营业期限", "{% if company.licence.valid_until %}至 {{ company.licence.valid_until|cn_date }}{% else %}长期{% endif %}"),
        ("邮政编码", "{{ company.postcode|dash }}"), ("注册地址", "{{ company.registered_address }}"),
        ("经营地址", "{{ company.operating_address }}"), ("单位电话", "{{ company.phone|dash }}"),
        ("服务热线", "{{ company.hotline|dash }}"), ("网址", "{{ company.website|dash }}"),
        ("联系人", "{{ company.contact.name }}{% if company.contact.position %}（{{ company.contact.position }}）{% endif %}"),
        ("手机", "{{ company.contact.mobile }}"), ("联系电话", "{{ company.contact.phone|dash }}"),
        ("电子邮箱", "{{ company.contact.email }}"), ("经营范围", "{{ company.business_scope }}")])
    heading(doc, "二、申请认证范围")
    kv_table(doc, [("依据标准", "{{ standard.full_title }}"), ("认证范围", "{{ company.scope }}"),
                   ("服务区域", "{{ company.service_area|join('、') }}"), ("销售方式", "{{ company.sales_model }}"),
                   ("服务提供方式", "{{ service_model }}"), ("体系运行起始", "{{ company.application.system_start|cn_date }}")],
             columns=1)
    table(doc, ["序号", "商品类别", "品牌", "说明"],
          ["{{ loop.index }}", "{{ p.category }}", "{{ p.brands|join('、')|dash }}", "{{ p.description|dash }}"],
          "for p in company.products", widths_mm=[14, 36, 50, 72])
    heading(doc, "三、人员与服务网点")
    kv_table(doc, [("员工总数", "{{ company.headcount.total }} 人"), ("售后服务人员", "{{ company.headcount.after_sales }} 人"),
                   ("服务管理人员", "{{ company.headcount.service_management }} 人"),
                   ("售后服务管理师", "{{ f.staff.certified_managers|length }} 人（应不少于 {{ f.staff.managers_required }} 人）"),
                   ("服务网点", "{{ f.outlets.total }} 个"), ("其中自建/委托", "{{ f.outlets.own }} 个 / {{ f.outlets.entrusted }} 个")])
    table(doc, ["序号", "服务网点", "性质", "地址", "人数"],
          ["{{ loop.index }}", "{{ o.name }}", "{{ o.kind }}", "{{ o.address }}", "{{ o.staff_count }}"],
          "for o in d.outlets", widths_mm=[12, 44, 14, 86, 16], size=8.5)
    heading(doc, "四、已获认证")
    para(doc, "{% if not company.application.certifications %}无。{% endif %}")
    table(doc, ["认证名称", "证书编号", "发证机构", "有效期至"],
          ["{{ c.name }}", "{{ c.number|dash }}", "{{ c.body|dash }}", "{{ c.valid_until|iso }}"],
          "for c in company.application.certifications", widths_mm=[50, 40, 52, 30])
    heading(doc, "五、删减说明")
    para(doc, "{% if not exclusions %}本次申请不删减 {{ standard.code }} 的任何评价指标。{% endif %}")
    table(doc, ["删减的指标", "删减理由"], ["{{ e.label }}", "{{ e.reason }}"], "for e in exclusions", widths_mm=[50, 122])
    heading(doc, "六、企业简介")
    paragraphs(doc, "for text in company.profile.split('\\n') if text.strip()", "{{ text.strip() }}")
    heading(doc, "七、申请单位声明")
    para(doc, "本单位自愿申请{{ standard.full_title }}认证，承诺遵守认证机构的认证规则和相关规定，按要求接受审核与监督，"
              "所提交的申请材料真实、有效。")
    para(doc, "法定代表人（签字）：{{ legal }}　　　　　　申请单位（盖章）：", indent=False)
    para(doc, "日期：{{ company.application.date|cn_date }}", indent=False)
    return doc
