"""DOCX template of 售后服务手册.

The 目录 is a Word TOC field whose cached result is the static chapter list (no page numbers): Word fills in
the page numbers when the field is updated (right-click → 更新域, or F9). Headings use the Heading 2/3
styles the field collects. The data blocks of the indicator chapters follow TOPIC_BLOCKS of the builder.
"""

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from .kit import (bullets, control_cover, heading, kv_table, new_document, para, paragraphs, revision_table, table, tag,
                  text_paragraphs)

RIGHT = WD_ALIGN_PARAGRAPH.RIGHT


def _field_char(paragraph, kind: str, instruction: str | None = None):
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    paragraph._p.append(run)
    if instruction:
        run = OxmlElement("w:r")
        text = OxmlElement("w:instrText")
        text.set(qn("xml:space"), "preserve")
        text.text = instruction
        run.append(text)
        paragraph._p.append(run)


def toc_field(doc):
    """A TOC field over Heading 2–3 whose shown result is the chapter list ``toc`` of the context."""
    begin = doc.add_paragraph()
    _field_char(begin, "begin", ' TOC \\o "2-3" \\h \\z \\u ')
    _field_char(begin, "separate")
    tag(doc, "{%p for e in toc %}")
    tag(doc, "{%p if e.level == 1 %}")
    para(doc, "{{ e.text }}", indent=False)
    tag(doc, "{%p elif e.level == 2 %}")
    para(doc, "{{ e.text }}", indent=False).paragraph_format.left_indent = Mm(7)
    tag(doc, "{%p else %}")
    para(doc, "{{ e.text }}", indent=False).paragraph_format.left_indent = Mm(14)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    _field_char(doc.add_paragraph(), "end")


def chapter(doc, entry: str, level: int = 2, newpage: bool = False):
    h = heading(doc, "{{ " + entry + ".text }}", level)
    h.paragraph_format.page_break_before = newpage
    return h


def label(doc, text: str):
    return para(doc, text, indent=False, bold=True)


def signature(doc, date: str):
    para(doc, "", indent=False)
    para(doc, "{{ signatory.title }}：{{ signatory.name }}", indent=False, align=RIGHT)
    para(doc, date, indent=False, align=RIGHT)




def front_matter(doc):
    chapter(doc, "sec.promulgation", newpage=True)
    tag(doc, "{%p if manual.promulgation %}")
    text_paragraphs(doc, "manual.promulgation")
    tag(doc, "{%p else %}")
    para(doc, "本公司依据{{ standard.full_title }}及相关法律法规，结合公司实际，编制了《{{ manual.title }}》（文件编号 "
              "{{ control.code }}，{{ control.version }} 版）。本手册规定了公司售后服务体系的要求，阐明了公司的服务理念、服务承诺、"
              "服务策略和服务目标，是公司开展售后服务活动的纲领性文件和行为准则。")
    para(doc, "本手册经批准，现予颁布，自{{ control.effective|cn_date }}起实施。公司全体员工和各服务网点必须认真学习，严格遵照执行。")
    tag(doc, "{%p endif %}")
    signature(doc, "{{ control.issued|cn_date }}")

    chapter(doc, "sec.appointment", newpage=True)
    tag(doc, "{%p for r in representatives %}")
    para(doc, "为贯彻{{ standard.full_title }}，确保公司售后服务体系有效运行，经公司研究决定，任命{{ r.staff_name }}为公司{{ role }}。")
    para(doc, "{{ role }}的职责：{{ r.duties or representative_duties }}")
    para(doc, "本任命自{% if r.appointed %}{{ r.appointed|cn_date }}{% else %}发布之日{% endif %}起生效。")
    signature(doc, "{{ r.appointed|cn_date }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if not representatives %}")
    para(doc, "公司尚未任命{{ role }}。")
    tag(doc, "{%p endif %}")

    chapter(doc, "sec.control", newpage=True)
    para(doc, "1. 本手册文件编号为 {{ control.code }}，现行版本为 {{ control.version }}，由{{ control.prepared_by }}编制、"
              "{{ control.reviewed_by }}审核、{{ control.approved_by }}批准，于{{ control.issued|cn_date }}发布，自"
              "{{ control.effective|cn_date }}起实施；本册为{{ control.status }}本，分发号 {{ control.copy_number|dash }}。",
         indent=False)
    paragraphs(doc, "for rule in control_rules", "{{ loop.index + 1 }}. {{ rule }}", indent=False)

    chapter(doc, "sec.profile", newpage=True)
    text_paragraphs(doc, "company.profile")
    kv_table(doc, [("单位名称", "{{ company.name }}"), ("统一社会信用代码", "{{ company.uscc }}"),
                   ("法定代表人", "{{ company.legal_representative }}"), ("成立日期", "{{ company.established|cn_date }}"),
                   ("注册资本", "{{ company.registered_capital|dash }}"), ("经营地址", "{{ company.operating_address }}"),
                   ("服务热线", "{{ company.hotline|dash }}"), ("网址", "{{ company.website|dash }}"),
                   ("员工总数", "{{ company.headcount.total }} 人"), ("售后服务人员", "{{ company.headcount.after_sales }} 人"),
                   ("服务管理人员", "{{ company.headcount.service_management }} 人"),
                   ("{{ f.staff.qualification }}", "{{ f.staff.certified_managers|length }} 人"),
                   ("服务网点", "{{ f.outlets.total }} 个（自建 {{ f.outlets.own }} 个，委托 {{ f.outlets.entrusted }} 个）"),
                   ("服务区域", "{{ company.service_area|join('、') }}")])
    para(doc, "经营和服务模式：{{ company.sales_model }}")
    para(doc, "公司提供售后服务的商品及品牌如下：")
    products_table(doc, "company.products")

    chapter(doc, "sec.organisation", newpage=True)
    para(doc, "公司设 {{ departments|length }} 个部门，组织机构图见《{{ chart_title }}》。各部门的负责人和主要职责如下：")
    table(doc, ["部门", "上级部门", "负责人", "主要职责"],
          ["{{ x[0].name }}", "{{ x[1] }}", "{{ x[0].head_name|dash }}", "{{ x[0].duties|join('；')|dash }}"],
          "for x in departments", widths_mm=[26, 24, 18, 104], size=8)
    para(doc, "公司的关键岗位及任职人员如下：")
    table(doc, ["岗位", "姓名", "任命日期", "职责"],
          ["{{ r.role }}", "{{ r.staff_name }}", "{{ r.appointed|iso }}", "{{ r.duties|dash }}"],
          "for r in d.roles", widths_mm=[26, 18, 24, 104], size=8)

    chapter(doc, "sec.duties")
    para(doc, "各二级指标的主责部门和配合部门如下，完整的职能分配表见《{{ matrix_title }}》。")
    table(doc, ["指标", "主责部门", "配合部门"],
          ["{{ row.indicator.label }}{% if row.excluded %}（删减）{% endif %}", "{{ row.lead }}", "{{ row.support }}"],
          "for row in duties", widths_mm=[42, 34, 96], size=8)

    chapter(doc, "sec.culture", newpage=True)
    kv_table(doc, [("服务理念", "{{ d.system.culture.philosophy }}"), ("服务承诺", "{{ d.system.culture.commitment }}"),
                   ("服务策略", "{{ d.system.culture.strategy }}")], columns=1, widths_mm=[28, 144])
    para(doc, "公司的服务目标如下，由各责任部门分解落实并按考核周期统计，完成情况每年在管理评审和《自评报告》中评价：")
    table(doc, ["序号", "服务目标", "考核周期", "目标值"],
          ["{{ loop.index }}", "{{ o.text }}", "{{ o.period }}", "{{ o.target }}"],
          "for o in objectives", widths_mm=[10, 110, 26, 26], size=8)


def general_chapters(doc):
    chapter(doc, "sec.scope", newpage=True)
    para(doc, "本手册规定了{{ company.name }}售后服务体系的要求，适用于公司{{ company.scope }}。")
    para(doc, "服务的商品：{% for p in company.products %}{{ p.category }}{% if not loop.last %}、{% endif %}{% endfor %}；"
              "服务区域：{{ company.service_area|join('、') }}；实施部门：{{ after_sales|join('、') }}以及公司全部服务网点。")
    label(doc, "删减说明")
    tag(doc, "{%p if exclusions %}")
    para(doc, "公司对下列指标作删减，理由如下：")
    bullets(doc, "for x in exclusions", "{{ x[0] }}：{{ x[1] }}")
    tag(doc, "{%p else %}")
    para(doc, "{{ standard.full_title }}的 {{ standard.indicators|length }} 项二级指标均适用于本公司，无删减。")
    tag(doc, "{%p endif %}")

    chapter(doc, "sec.references")
    para(doc, "下列文件对于本手册的应用是必不可少的。凡是注日期的引用文件，仅所注日期的版本适用于本手册；凡是不注日期的引用文件，"
              "其最新版本（包括所有的修改单）适用于本手册。")
    table(doc, ["序号", "名称", "文号/标准号"], ["{{ loop.index }}", "{{ x[1] }}", "{{ x[0]|dash }}"],
          "for x in references", widths_mm=[12, 104, 56], size=8)

    chapter(doc, "sec.terms")
    para(doc, "下列术语和定义适用于本手册。以下释义是本公司为统一内部理解所作的说明，不是对 {{ standard.code }} 条文的引用。")
    tag(doc, "{%p for x in terms %}")
    label(doc, "{{ sec.terms.number }}.{{ loop.index }}　{{ x[0] }}")
    para(doc, "{{ x[1] }}")
    tag(doc, "{%p endfor %}")

    chapter(doc, "sec.system", newpage=True)
    chapter(doc, "sec.establishment", 3)
    para(doc, "公司依据{{ standard.full_title }}和适用的法律法规，结合本公司商品和服务的特点，建立了文件化的售后服务体系，自"
              "{{ company.application.system_start|cn_date }}起运行。体系覆盖第 {{ sec.scope.number }} 章规定的商品、服务和区域，由"
              "{{ after_sales|join('、') }}实施，{{ signatory.title }}对体系的有效性负责，{{ role }}负责体系的日常管理。")
    para(doc, "公司确定售后服务所需的过程及其职责（见 {{ sec.duties.number }}），为各过程配备人员、经费、设施和信息系统，"
              "按程序文件实施和控制，通过服务监督、顾客满意度调查、回访和投诉分析评价体系的运行，并持续改进。")
    chapter(doc, "sec.documents", 3)
    para(doc, "公司售后服务体系文件分为四个层次：")
    for line in ("1. 售后服务手册：即本手册（{{ control.code }}），规定体系的总体要求和各项指标的实施安排；",
                 "2. 程序文件和管理制度：共 {{ procedure_rows|length }} 份，规定各项售后服务活动的职责和工作程序，清单见"
                 "{{ annexes.procedures.number }}；",
                 "3. 作业指导书和服务规范：由归口部门根据需要编制，规定具体岗位和作业的操作要求；",
                 "4. 记录表格：共 {{ record_rows|length }} 种，为服务活动和体系运行提供证据，清单见{{ annexes.records.number }}。"):
        para(doc, line, indent=False)


def products_table(doc, expression: str):
    table(doc, ["商品类别", "品牌", "说明"], ["{{ p.category }}", "{{ p.brands|join('、')|dash }}", "{{ p.description|dash }}"],
          f"for p in {expression}", widths_mm=[28, 58, 86], size=8)


def topic_blocks(doc):
    """One {%p elif %} branch per topic of TOPIC_BLOCKS; ``x`` is the block's data."""
    tag(doc, "{%p if b.see %}")
    para(doc, "{{ b.title }}的情况见 {{ b.see }}。")

    tag(doc, "{%p elif b.topic == 'departments' %}")
    para(doc, "纳入售后服务体系的部门如下；全部 {{ x.all|length }} 个部门的负责人和职责见 {{ sec.organisation.number }}，"
              "组织机构图见《{{ x.chart }}》。")
    table(doc, ["序号", "部门", "负责人", "联系电话"],
          ["{{ loop.index }}", "{{ dep.name }}", "{{ dep.head_name|dash }}", "{{ dep.phone|dash }}"],
          "for dep in x.after_sales", widths_mm=[14, 80, 34, 44], size=8)

    tag(doc, "{%p elif b.topic == 'outlets' %}")
    para(doc, "公司共设售后服务网点 {{ f.outlets.total }} 个，其中自建网点 {{ f.outlets.own }} 个、委托网点 {{ f.outlets.entrusted }} 个，"
              "网点服务人员合计 {{ f.outlets.staff }} 人，详见《{{ x.list }}》。")
    table(doc, ["序号", "网点名称", "性质", "区域", "负责人", "人数", "服务范围"],
          ["{{ loop.index }}", "{{ o.name }}", "{{ o.kind }}", "{{ o.region }}", "{{ o.manager_name|dash }}",
           "{{ o.staff_count }}", "{{ o.coverage }}"],
          "for o in x.outlets", widths_mm=[10, 40, 12, 22, 16, 10, 62], size=8)

    tag(doc, "{%p elif b.topic == 'staff' %}")
    para(doc, "人员名册在册员工 {{ f.staff.total }} 人，其中服务管理人员 {{ f.staff.service_management }} 人；持有效"
              "{{ f.staff.qualification }}证书的 {{ f.staff.certified_managers|length }} 人，占服务管理人员的 "
              "{{ f.staff.manager_ratio|pct }}。按服务管理人员的 {{ x.ratio }}、至少 {{ x.min_count }} 人计，应配备不少于 "
              "{{ f.staff.managers_required }} 人，{% if x.enough %}现有人数满足要求{% else %}现有人数尚不满足要求{% endif %}。"
              "{{ f.staff.qualification }}名单见{{ annexes.managers.number }}，人员资质见《{{ x.register }}》。")
    table(doc, ["人员类别", "人数"], ["{{ c[0] }}", "{{ c[1] }}"], "for c in f.staff.by_category", widths_mm=[120, 52], size=8)

    tag(doc, "{%p elif b.topic == 'funds' %}")
    para(doc, "{{ x.funds.year }} 年度售后服务经费预算 {{ x.funds.annual_budget|money }}，其中专项资金 "
              "{{ x.funds.special_fund|money }}。{{ x.funds.description }}")
    table(doc, ["序号", "项目", "金额", "用途"],
          ["{{ loop.index }}", "{{ item.name }}", "{{ item.amount|money }}", "{{ item.purpose|dash }}"],
          "for item in x.funds.items", widths_mm=[10, 58, 26, 78], size=8)

    tag(doc, "{%p elif b.topic == 'resources' %}")
    table(doc, ["序号", "名称", "类别", "数量", "地点", "说明"],
          ["{{ loop.index }}", "{{ r.name }}", "{{ r.kind }}", "{{ r.quantity|dash }} {{ r.unit }}", "{{ r.location|dash }}",
           "{{ r.note|dash }}"], "for r in x.resources", widths_mm=[10, 46, 17, 17, 34, 48], size=8)

    tag(doc, "{%p elif b.topic == 'training' %}")
    para(doc, "公司每年编制培训计划，{{ x.plan.year }} 年度计划共 {{ x.plan.items|length }} 项，包括{{ x.kinds|join('、') }}等类别；"
              "技术业务培训和服务文化培训按计划持续开展，培训签到、考核和效果评价的记录见《{{ x.records }}》。")

    tag(doc, "{%p elif b.topic == 'laws' %}")
    para(doc, "公司识别的适用法律法规和标准共 {{ x.laws|length }} 项，清单见第 {{ sec.references.number }} 章。")

    tag(doc, "{%p elif b.topic == 'procedures' %}")
    para(doc, "公司售后服务体系文件包括本手册、程序文件和管理制度 {{ x.procedures|length }} 份以及记录表格 {{ record_rows|length }} 种；"
              "体系文件的层次见 {{ sec.documents.number }}，程序文件清单见{{ annexes.procedures.number }}，记录表格清单见"
              "{{ annexes.records.number }}，程序文件全文见《{{ x.collection }}》。")

    tag(doc, "{%p elif b.topic == 'supervision' %}")
    para(doc, "公司的服务监督机构为{{ x.supervision.department_name }}（负责人：{{ x.head|dash }}），在册人员 {{ x.members|length }} 人"
              "{% if x.members %}：{% for p in x.members %}{{ p.name }}（{{ p.position }}）{% if not loop.last %}、{% endif %}"
              "{% endfor %}{% endif %}。监督频次：{{ x.supervision.frequency|dash }}。监督方式如下：")
    bullets(doc, "for item in x.supervision.methods", "{{ item }}")

    tag(doc, "{%p elif b.topic == 'improvement' %}")
    para(doc, "改进的输入包括顾客满意度调查发现的问题、顾客投诉的分析、服务监督检查的结果和认证审核提出的整改项。责任部门针对问题"
              "分析原因、制定改进措施并明确完成期限，由服务监督机构跟踪验证；改进措施的实施情况见《{{ x.survey_report }}》"
              "《{{ x.complaints }}》和《{{ x.report }}》。")

    tag(doc, "{%p elif b.topic == 'culture' %}")
    para(doc, "公司的服务理念为“{{ x.culture.philosophy }}”。服务承诺、服务策略和服务目标见 {{ sec.culture.number }}。")

    tag(doc, "{%p elif b.topic == 'products' %}")
    products_table(doc, "x.products")

    tag(doc, "{%p elif b.topic == 'warranty' %}")
    text_paragraphs(doc, "x.warranty.policy")
    para(doc, "包退期：{% if x.warranty.return_days is none %}—{% else %}{{ x.warranty.return_days }} 天{% endif %}；包换期："
              "{% if x.warranty.exchange_days is none %}—{% else %}{{ x.warranty.exchange_days }} 天{% endif %}。")
    table(doc, ["商品", "整机保修", "主要部件保修", "说明"],
          ["{{ t.product }}", "{{ t.whole }}", "{{ t.parts }}", "{{ t.note|dash }}"],
          "for t in x.terms", widths_mm=[38, 22, 26, 86], size=8)

    tag(doc, "{%p elif b.topic == 'recycling' %}")
    text_paragraphs(doc, "x.recycling.policy")
    para(doc, "合作处理企业：{{ x.recycling.partner|dash }}；回收方式：{{ x.recycling.methods|join('、')|dash }}。")

    tag(doc, "{%p elif b.topic == 'satisfaction' %}")
    para(doc, "公司定期开展顾客满意度调查，满意率目标不低于 {{ x.target }}。满意率的计算方法：{{ x.formula }}。调查的实施、"
              "结果分析和改进措施见《{{ x.report }}》。")

    tag(doc, "{%p elif b.topic == 'visits' %}")
    para(doc, "服务完工后和投诉处理完毕后 {{ x.days|num }} 日内对顾客进行回访，了解服务质量和顾客意见，回访结果纳入服务质量考核；"
              "回访统计见《{{ x.records }}》。")

    tag(doc, "{%p elif b.topic == 'complaints' %}")
    para(doc, "顾客投诉通过服务热线、电话、微信、网站等渠道受理，{{ x.targets.response_hours|num }} 小时内响应，"
              "{{ x.targets.resolution_hours|num }} 小时内处理完毕，重大投诉上报管理者代表；投诉的受理、处理和回访情况见"
              "《{{ x.records }}》。")
    tag(doc, "{%p endif %}")


def indicator_chapters(doc):
    tag(doc, "{%p if indicators_entry %}")
    chapter(doc, "indicators_entry", newpage=True)
    para(doc, "本章按{{ standard.full_title }}的评价指标逐项说明公司的实施安排。各节列出标准要求要点（为便于理解所作的摘要，以标准原文为准）、"
              "公司的安排、主责和配合部门、相关程序文件和记录，以及相关的运行数据。")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for part in parts %}")
    chapter(doc, "part.entry", 2)
    tag(doc, "{%p for ch in part.chapters %}")
    chapter(doc, "ch.entry", 3)
    tag(doc, "{%p if ch.exclusion %}")
    para(doc, "本指标已删减：{{ ch.exclusion }}", indent=False, bold=True)
    tag(doc, "{%p endif %}")
    label(doc, "标准要求要点")
    tag(doc, "{%p if ch.indicator.items %}")
    bullets(doc, "for item in ch.indicator.items", "{{ item.id }}　{{ item.text }}")
    tag(doc, "{%p else %}")
    para(doc, "本指标的具体要求以 {{ standard.code }} 原文为准。")
    tag(doc, "{%p endif %}")
    label(doc, "公司的安排")
    tag(doc, "{%p if ch.practice %}")
    text_paragraphs(doc, "ch.practice.text")
    tag(doc, "{%p else %}")
    para(doc, "本指标的实施安排尚未在体系数据中填写。")
    tag(doc, "{%p endif %}")
    kv_table(doc, [("主责部门", "{% if ch.lead %}{{ ch.lead.name }}{% else %}—{% endif %}"),
                   ("配合部门", "{% for dep in ch.support %}{{ dep.name }}{% if not loop.last %}、{% endif %}{% else %}—{% endfor %}"),
                   ("相关程序文件", "{% for p in ch.procedures %}{{ p.control.code }}《{{ p.title }}》{% if not loop.last %}；"
                                "{% endif %}{% else %}—{% endfor %}"),
                   ("相关记录", "{{ ch.records|join('、')|dash }}")], columns=1, widths_mm=[30, 142])
    tag(doc, "{%p for b in ch.blocks %}")
    tag(doc, "{%p set x = b.data %}")
    label(doc, "{{ b.title }}")
    topic_blocks(doc)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")


def annexes(doc):
    chapter(doc, "annexes.procedures", newpage=True)
    table(doc, ["序号", "文件编号", "文件名称", "版本", "归口部门", "实施日期"],
          ["{{ loop.index }}", "{{ p.control.code }}", "{{ p.title }}", "{{ p.control.version }}", "{{ p.owner_name }}",
           "{{ p.control.effective|iso }}"], "for p in procedure_rows", widths_mm=[10, 26, 60, 14, 30, 32], size=8)
    chapter(doc, "annexes.records", newpage=True)
    table(doc, ["序号", "记录名称", "相关程序文件", "相关指标"],
          ["{{ loop.index }}", "{{ r.name }}", "{{ r.procedures|join('、')|dash }}", "{{ r.indicators|join('、')|dash }}"],
          "for r in record_rows", widths_mm=[10, 74, 52, 36], size=8)
    chapter(doc, "annexes.managers", newpage=True)
    tag(doc, "{%p if managers %}")
    table(doc, ["序号", "姓名", "部门", "岗位", "证书编号", "发证机构", "有效期至"],
          ["{{ loop.index }}", "{{ m[0].name }}", "{{ m[0].department_name }}", "{{ m[0].position }}",
           "{{ m[1].number|dash }}", "{{ m[1].issuer|dash }}", "{{ m[1].valid_until|iso }}"],
          "for m in managers", widths_mm=[10, 16, 28, 28, 34, 32, 24], size=8)
    tag(doc, "{%p else %}")
    para(doc, "公司目前没有持有效{{ f.staff.qualification }}证书的人员。")
    tag(doc, "{%p endif %}")


def build():
    doc = new_document()
    control_cover(doc, "{{ manual.title }}", "control", subtitle="依据 {{ standard.full_title }}")
    revision_table(doc)
    toc_title = para(doc, "{{ sec.toc.text }}", indent=False, bold=True, size=13)
    toc_title.paragraph_format.page_break_before = True
    toc_field(doc)
    front_matter(doc)
    general_chapters(doc)
    indicator_chapters(doc)
    annexes(doc)
    return doc
