/**
 * The words generated enterprises are made of, per GB/T 4754 大类 (division): the 行业用语 of the
 * name, the 经营范围 phrases and the main products. A generated enterprise takes all three from
 * the vocabulary of its own division, so its name, scope, products and industry agree. The common
 * divisions have their own list; the rest fall back to one built from the division's official name.
 * `weight` is the division's rough share of a registry (批发零售, 商务服务 and 科技服务 are the
 * most common; party and state organs are no enterprises at all).
 */
import { findIndustry } from '../reference/industry-classification';

export interface IndustryVocabulary {
  /** 行业用语 in the name (…新材料科技有限公司) */
  words: readonly string[];
  /** 经营范围 phrases; every scope names at least two of them */
  scope: readonly string[];
  /** 主要产品 (empty for services that have none to name) */
  products: readonly string[];
  /** the name may end in 科技有限公司 */
  tech?: boolean;
  /** relative share among registered enterprises */
  weight: number;
  /** sub-trades of a broad division (光伏, 储能, 风电 …): one is drawn and gives name, scope and products together */
  themes?: readonly Theme[];
  /** a 个体工商户 may work in it: the shop words of its name (…便利店) */
  shops?: readonly string[];
}

type Entry = Omit<IndustryVocabulary, 'weight'> & { weight?: number };

export interface Theme {
  words: readonly string[];
  scope: readonly string[];
  products: readonly string[];
}

/** a division made of sub-trades: its own lists are the union of theirs */
function themed(weight: number, themes: readonly Theme[]): Entry {
  return { weight, tech: true, themes, words: themes.flatMap((t) => t.words), scope: themes.flatMap((t) => t.scope), products: themes.flatMap((t) => t.products) };
}

const V: Record<string, Entry> = {
  // A 农、林、牧、渔业
  '01': { weight: 28, words: ['农业', '生态农业', '农业科技', '农业开发'], scope: ['谷物种植', '棉花种植', '蔬菜种植', '水果种植', '林果种植及销售', '农作物种子生产经营', '设施农业', '食用农产品初加工'], products: ['棉花', '红枣', '核桃', '葡萄', '番茄', '辣椒', '小麦', '玉米', '哈密瓜'], shops: ['种植园', '家庭农场', '果园'] },
  '02': { weight: 3, words: ['林业', '苗木', '园林绿化'], scope: ['林木育种和育苗', '造林和更新', '花卉种植', '园林绿化工程施工'], products: ['苗木', '花卉', '林木种苗'] },
  '03': { weight: 18, words: ['畜牧', '牧业', '养殖', '农牧'], scope: ['牲畜饲养', '家禽饲养', '奶牛养殖', '肉羊养殖', '饲料销售', '牲畜销售'], products: ['牛羊肉', '生鲜乳', '禽蛋', '肉牛', '肉羊'], shops: ['养殖场', '养殖合作社'] },
  '04': { weight: 2, words: ['渔业', '水产'], scope: ['水产养殖', '水产品销售', '水产苗种生产'], products: ['冷水鱼', '鲟鱼', '虹鳟鱼'] },
  '05': { weight: 4, words: ['农业服务', '农机服务'], scope: ['农业机械服务', '农作物病虫害防治服务', '灌溉服务', '农业专业及辅助性活动'], products: [] },
  // B 采矿业
  '06': { weight: 1, words: ['煤业', '矿业', '能源'], scope: ['煤炭开采', '煤炭洗选', '煤炭及制品销售'], products: ['原煤', '精煤', '动力煤'] },
  '07': { weight: 0.3, words: ['石油', '天然气', '能源'], scope: ['石油和天然气开采', '陆地石油开采', '油气勘探技术服务'], products: ['原油', '天然气'] },
  '08': { weight: 0.3, words: ['矿业', '铁矿'], scope: ['铁矿石开采', '黑色金属矿采选', '选矿'], products: ['铁精粉', '铁矿石'] },
  '09': { weight: 0.3, words: ['矿业', '有色金属'], scope: ['有色金属矿采选', '铜矿采选', '金矿采选', '选矿'], products: ['铜精矿', '锌精矿', '金精矿'] },
  '10': { weight: 1, words: ['矿业', '石材', '砂石'], scope: ['非金属矿采选', '建筑用石加工', '砂石开采', '石灰石开采'], products: ['石灰石', '砂石骨料', '石材'] },
  // C 制造业
  '13': { weight: 8, words: ['食品', '农产品', '农副产品', '农业科技'], scope: ['粮食加工', '食用植物油加工', '屠宰及肉类加工', '番茄制品加工', '饲料生产', '棉籽加工', '农副产品加工'], products: ['面粉', '食用植物油', '冷鲜肉', '番茄酱', '饲料', '棉籽蛋白'], shops: ['面粉加工厂', '油坊'] },
  '14': { weight: 4, words: ['食品', '食品科技'], scope: ['食品生产', '乳制品生产', '糕点制造', '速冻食品制造', '调味品生产'], products: ['乳制品', '馕', '糕点', '速冻食品', '调味品', '预制菜'], shops: ['食品加工坊', '馕坊'] },
  '15': { weight: 2, words: ['酒业', '饮品', '饮料'], scope: ['酒制品生产', '葡萄酒生产', '饮料生产', '茶制品生产'], products: ['葡萄酒', '白酒', '果汁饮料', '沙棘饮品', '瓶装水'] },
  '17': { weight: 2, words: ['纺织', '棉纺'], scope: ['棉纺纱加工', '棉织造加工', '针纺织品及原料销售', '面料印染加工'], products: ['棉纱', '坯布', '家纺面料', '色纺纱'] },
  '18': { weight: 3, words: ['服饰', '服装', '制衣'], scope: ['服装制造', '服饰制造', '服装服饰批发'], products: ['服装', '工装', '民族服饰', '针织服装'], shops: ['服装加工店', '裁缝店'] },
  '20': { weight: 1, words: ['木业', '木制品'], scope: ['木材加工', '人造板制造', '木制品制造'], products: ['人造板', '木门', '木制包装箱'] },
  '21': { weight: 1.5, words: ['家具', '家居'], scope: ['家具制造', '家具销售', '家具安装和维修服务'], products: ['办公家具', '实木家具', '定制橱柜'] },
  '22': { weight: 1, words: ['纸业', '包装'], scope: ['纸制品制造', '纸和纸板容器制造', '包装材料及制品销售'], products: ['瓦楞纸箱', '纸制品', '包装纸'] },
  '23': { weight: 1.5, words: ['印务', '印刷', '包装印刷'], scope: ['包装装潢印刷品印刷', '出版物印刷', '其他印刷品印刷'], products: ['印刷品', '包装盒', '宣传画册'], shops: ['图文快印店', '广告印刷部'] },
  '25': { weight: 0.5, words: ['能源', '煤化', '石化'], scope: ['煤炭加工', '兰炭生产', '石油制品制造（不含危险化学品）', '煤焦油深加工'], products: ['兰炭', '焦炭', '煤焦油', '成品油'] },
  '26': { weight: 2, words: ['化工', '化学', '化工科技'], tech: true, scope: ['化工产品生产（不含许可类化工产品）', '煤化工产品生产', '专用化学产品制造', '化肥生产', '合成材料制造'], products: ['聚氯乙烯', '烧碱', '煤制烯烃', '乙二醇', '复合肥', '可降解塑料'] },
  '27': { weight: 1, words: ['药业', '制药', '医药'], tech: true, scope: ['药品生产', '中药饮片加工', '药品批发', '医疗器械生产', '生物制品研发'], products: ['中药饮片', '民族药', '疫苗', '原料药', '医用耗材'] },
  '29': { weight: 2, words: ['塑业', '塑胶', '橡胶'], scope: ['塑料制品制造', '橡胶制品制造', '农用薄膜生产', '塑料管材生产'], products: ['农用地膜', 'PE管材', '滴灌带', '塑料包装袋', '橡胶制品'] },
  '30': { weight: 3, words: ['建材', '新型建材', '建材科技'], scope: ['水泥制品制造', '新型建筑材料制造', '砖瓦制造', '玻璃制造', '商品混凝土生产'], products: ['水泥', '商品混凝土', '加气砖', '光伏玻璃', '预制构件'] },
  '31': { weight: 0.5, words: ['钢铁', '特钢', '钢业'], scope: ['炼钢', '钢压延加工', '黑色金属铸造'], products: ['螺纹钢', '线材', '钢板'] },
  '32': themed(0.8, [
    { words: ['铝业', '铝材', '有色金属'], scope: ['电解铝生产', '铝合金制造', '有色金属压延加工'], products: ['电解铝', '铝板带箔', '铝合金型材'] },
    { words: ['硅业', '新材料', '硅材料'], scope: ['多晶硅生产', '工业硅冶炼', '有色金属合金制造'], products: ['多晶硅', '工业硅'] },
  ]),
  '33': { weight: 3, words: ['金属制品', '钢结构', '五金'], scope: ['金属结构制造', '金属门窗制造', '金属制品加工', '五金产品制造'], products: ['钢结构件', '金属门窗', '五金配件', '护栏'], shops: ['铁艺加工部', '门窗加工店'] },
  '34': { weight: 2, words: ['机械', '设备', '重工'], tech: true, scope: ['通用设备制造（不含特种设备制造）', '泵及真空设备制造', '机械零部件加工', '风机、风扇制造'], products: ['水泵', '阀门', '机械零部件', '压缩机'] },
  '35': { weight: 2, words: ['装备', '智能装备', '机械'], tech: true, scope: ['专用设备制造（不含许可类专业设备制造）', '农业机械制造', '矿山机械制造', '环境保护专用设备制造'], products: ['采棉机', '农机具', '矿山设备', '环保设备'] },
  '36': { weight: 0.8, words: ['汽车', '汽车零部件', '新能源汽车'], tech: true, scope: ['汽车零部件及配件制造', '新能源汽车整车制造', '专用车制造', '汽车车身、挂车制造'], products: ['汽车零部件', '专用车', '新能源重卡', '汽车线束'] },
  '38': themed(5, [
    { words: ['光伏', '光伏科技', '新能源'], scope: ['光伏设备及元器件制造', '光伏发电设备租赁', '太阳能热利用装备销售'], products: ['光伏组件', '光伏支架', '逆变器'] },
    { words: ['储能', '新能源科技', '电池'], scope: ['电池制造', '储能装置制造', '电池零配件生产'], products: ['锂电池', '储能柜', '电池模组'] },
    { words: ['风电', '风电设备'], scope: ['风力发电机组制造', '风电场相关装备销售'], products: ['风机叶片', '风电塔筒'] },
    { words: ['电气', '电力设备', '电缆'], scope: ['输配电及控制设备制造', '电线、电缆制造', '配电开关控制设备制造'], products: ['变压器', '电线电缆', '开关柜'] },
  ]),
  '39': { weight: 1.5, words: ['电子', '电子科技', '智能科技'], tech: true, scope: ['电子元器件制造', '计算机软硬件及外围设备制造', '通信设备制造', '半导体器件专用设备制造', '智能车载设备制造'], products: ['电子元器件', '电子级多晶硅', '通信模块', '智能终端', '服务器'] },
  '40': { weight: 0.6, words: ['仪器仪表', '仪表'], tech: true, scope: ['仪器仪表制造', '环境监测专用仪器仪表制造', '电工仪器仪表制造'], products: ['流量计', '智能电表', '环境监测仪'] },
  '42': { weight: 0.8, words: ['再生资源', '环保科技', '资源利用'], tech: true, scope: ['再生资源回收（除生产性废旧金属）', '再生资源加工', '废旧动力电池回收', '固体废物综合利用'], products: ['再生铝', '再生塑料颗粒', '回收电池材料'], shops: ['废品回收站'] },
  '43': { weight: 1, words: ['机电维修', '设备维修'], scope: ['通用设备修理', '专用设备修理', '电气设备修理'], products: [], shops: ['机修部'] },
  // D 电力、热力、燃气及水
  '44': { weight: 1.5, words: ['电力', '新能源', '能源'], scope: ['发电业务、输电业务、供（配）电业务', '风力发电技术服务', '太阳能发电技术服务', '热力生产和供应', '储能技术服务'], products: ['电力', '热力', '绿电'] },
  '45': { weight: 0.5, words: ['燃气', '天然气', '能源'], scope: ['燃气经营', '燃气汽车加气经营', '天然气管道输送'], products: ['天然气', '液化天然气'] },
  '46': { weight: 0.3, words: ['水务', '供水'], scope: ['自来水生产与供应', '污水处理及其再生利用', '水污染治理'], products: ['自来水', '再生水'] },
  // E 建筑业
  '47': { weight: 8, words: ['建设', '建工', '建筑工程', '建设工程'], scope: ['房屋建筑工程施工', '建设工程施工', '住宅室内装饰装修', '建筑劳务分包'], products: [] },
  '48': { weight: 4, words: ['路桥', '市政工程', '水利工程', '建设'], scope: ['公路工程施工', '市政公用工程施工', '水利水电工程施工', '土石方工程施工'], products: [] },
  '49': { weight: 3, words: ['安装', '机电安装', '电力工程'], scope: ['机电设备安装', '建筑物电力系统安装', '管道和设备安装', '输电、供电、受电电力设施的安装、维修和试验'], products: [] },
  '50': { weight: 6, words: ['装饰', '装饰工程', '建筑装饰'], scope: ['建筑装饰、装修工程施工', '住宅室内装饰装修', '园林绿化工程施工', '防水防腐保温工程施工'], products: [], shops: ['装饰工作室', '装修队'] },
  // F 批发和零售业
  '51': { weight: 60, words: ['商贸', '贸易', '供应链', '进出口', '商业'], scope: ['日用百货销售', '农副产品销售', '五金产品批发', '建筑材料销售', '化工产品销售（不含许可类化工产品）', '食品销售', '金属材料销售', '机械设备销售', '货物进出口'], products: ['日用百货', '农副产品', '五金交电', '建筑材料', '钢材', '机械设备'] },
  '52': { weight: 90, words: ['商贸', '商行', '商业'], scope: ['日用百货销售', '食品销售', '家用电器销售', '服装服饰零售', '互联网销售（除销售需要许可的商品）', '烟草制品零售', '汽车零配件零售'], products: ['日用百货', '预包装食品', '家用电器', '服装', '汽车配件'], shops: ['便利店', '超市', '商店', '五金店', '服装店', '烟酒店', '干果店'] },
  // G 交通运输、仓储和邮政业
  '54': { weight: 10, words: ['物流', '运输'], scope: ['道路货物运输（不含危险货物）', '道路旅客运输经营', '普通货物仓储服务', '城市配送运输服务'], products: [], shops: ['货运部', '运输队'] },
  '56': { weight: 0.3, words: ['航空', '通用航空'], scope: ['通用航空服务', '航空运输货物打包服务', '航空商务服务'], products: [] },
  '58': { weight: 3, words: ['供应链', '国际物流', '货运代理'], scope: ['国际货物运输代理', '国内货物运输代理', '多式联运', '报关业务'], products: [] },
  '59': { weight: 3, words: ['物流', '仓储', '冷链物流'], scope: ['普通货物仓储服务', '冷链物流服务', '装卸搬运', '低温仓储'], products: [] },
  '60': { weight: 0.8, words: ['快递', '速递'], scope: ['快递服务', '邮政基本服务代办'], products: [], shops: ['快递驿站'] },
  // H 住宿和餐饮业
  '61': { weight: 3, words: ['酒店', '酒店管理', '文化旅游'], scope: ['住宿服务', '酒店管理', '餐饮服务'], products: [], shops: ['宾馆', '民宿', '招待所'] },
  '62': { weight: 12, words: ['餐饮', '餐饮管理', '食府'], scope: ['餐饮服务', '餐饮管理', '小餐饮', '食品销售'], products: [], shops: ['餐厅', '拌面馆', '烧烤店', '饭店', '奶茶店'] },
  // I 信息传输、软件和信息技术服务业
  '63': { weight: 1, words: ['通信', '网络', '信息通信'], scope: ['基础电信业务', '第一类增值电信业务', '通信设备销售', '卫星通信服务'], products: ['通信服务', '宽带接入'] },
  '64': { weight: 6, words: ['网络科技', '互联网', '电子商务', '数字科技'], tech: true, scope: ['互联网信息服务', '互联网数据服务', '网络技术服务', '互联网平台服务'], products: ['互联网平台', '移动应用', '数据服务'] },
  '65': { weight: 12, words: ['信息技术', '软件', '数据', '智能科技', '云计算', '数字科技'], tech: true, scope: ['软件开发', '信息系统集成服务', '数据处理和存储支持服务', '信息技术咨询服务', '人工智能应用软件开发', '算力服务'], products: ['软件', '信息系统', '云服务', '算力', '数据服务'] },
  // J 金融业
  '66': { weight: 0.3, words: ['小额贷款', '金融服务'], scope: ['小额贷款业务', '金融信息服务'], products: [] },
  '67': { weight: 0.8, words: ['投资', '股权投资', '资产管理'], scope: ['以私募基金从事股权投资', '以自有资金从事投资活动', '私募股权投资基金管理'], products: [] },
  '68': { weight: 0.5, words: ['保险代理', '保险经纪'], scope: ['保险代理业务', '保险经纪业务', '保险公估业务'], products: [] },
  '69': { weight: 0.5, words: ['融资租赁', '商业保理'], scope: ['融资租赁业务', '商业保理业务', '以自有资金从事投资活动'], products: [] },
  // K 房地产业
  '70': { weight: 5, words: ['置业', '房地产开发', '房地产'], scope: ['房地产开发经营', '物业管理', '房地产经纪', '住房租赁'], products: [], shops: ['房产中介'] },
  // L 租赁和商务服务业
  '71': { weight: 3, words: ['租赁', '设备租赁'], scope: ['建筑工程机械与设备租赁', '机械设备租赁', '汽车租赁'], products: [] },
  '72': { weight: 35, words: ['企业管理', '商务服务', '商务咨询', '企业管理咨询'], scope: ['企业管理咨询', '商务信息咨询', '市场营销策划', '人力资源服务（不含职业中介活动）', '会议及展览服务', '广告设计、代理'], products: [], shops: ['广告部', '咨询服务部'] },
  // M 科学研究和技术服务业
  '73': { weight: 2, words: ['技术研究', '研究院', '科技'], tech: true, scope: ['工程和技术研究和试验发展', '新材料技术研发', '生物技术研发', '农业科学研究和试验发展'], products: ['技术成果', '技术服务'] },
  '74': { weight: 10, words: ['工程技术', '工程咨询', '技术咨询'], tech: true, scope: ['检验检测服务', '工程设计', '测绘服务', '工程管理服务', '环境影响评价'], products: ['检测报告', '设计文件'] },
  '75': { weight: 18, words: ['科技', '技术', '科技发展'], tech: true, scope: ['技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广', '科技中介服务', '节能管理服务', '新材料技术推广服务'], products: ['技术服务'] },
  // N 水利、环境和公共设施管理业
  '77': { weight: 2, words: ['环保', '环境工程', '环境治理'], scope: ['环境保护监测', '水污染治理', '大气污染治理', '固体废物治理'], products: [] },
  '78': { weight: 2, words: ['市政服务', '公共设施管理'], scope: ['城市绿化管理', '市政设施管理', '游览景区管理', '停车场服务'], products: [] },
  // O 居民服务、修理和其他服务业
  '80': { weight: 8, words: ['家政服务', '生活服务'], scope: ['家政服务', '洗染服务', '美发饰品销售', '生活美容服务', '摄影扩印服务'], products: [], shops: ['美发店', '洗衣店', '照相馆', '家政服务部'] },
  '81': { weight: 4, words: ['维修服务', '维修'], scope: ['机动车修理和维护', '家用电器修理', '计算机及办公设备维修', '日用产品修理'], products: [], shops: ['汽修厂', '手机维修店', '家电维修部'] },
  '82': { weight: 2, words: ['服务'], scope: ['其他居民服务', '专业保洁、清洗、消毒服务', '宠物服务'], products: [], shops: ['保洁服务部'] },
  // P–R
  '83': { weight: 3, words: ['教育科技', '教育咨询', '培训'], scope: ['教育咨询服务（不含涉许可审批的教育培训活动）', '职业技能培训', '体育培训', '艺术培训'], products: [] },
  '84': { weight: 2, words: ['健康管理', '健康科技', '医疗管理'], scope: ['医疗服务', '健康咨询服务（不含诊疗服务）', '养老服务', '远程健康管理服务'], products: [], shops: ['诊所', '药店'] },
  '86': { weight: 0.5, words: ['文化传播', '出版'], scope: ['出版物批发', '出版物零售', '数字内容制作服务'], products: ['图书', '期刊'] },
  '87': { weight: 1, words: ['影视', '文化传媒', '传媒'], scope: ['广播电视节目制作经营', '电影摄制服务', '数字内容制作服务', '录音制作'], products: ['影视作品', '短视频'] },
  '88': { weight: 1.5, words: ['文化艺术', '文化', '演艺'], scope: ['组织文化艺术交流活动', '文艺创作', '演出经纪', '工艺美术品销售'], products: [] },
  '89': { weight: 1, words: ['体育', '体育文化', '健身'], scope: ['体育场地设施经营', '健身休闲活动', '体育赛事策划', '体育用品销售'], products: [], shops: ['健身房'] },
  '90': { weight: 1.5, words: ['娱乐', '文化旅游', '休闲娱乐'], scope: ['游乐园服务', '休闲观光活动', '旅游开发项目策划咨询', '娱乐性展览'], products: [], shops: ['棋牌室', 'KTV'] },
};

/**
 * A shop word that narrows its division's scope: a 五金店 sells 五金, not 家用电器. Shops not listed
 * take their division's scope and products.
 */
export const SHOP_THEMES: Record<string, { scope: readonly string[]; products: readonly string[] }> = {
  种植园: { scope: ['谷物种植', '蔬菜种植', '食用农产品初加工'], products: ['小麦', '玉米', '番茄', '辣椒'] },
  家庭农场: { scope: ['谷物种植', '蔬菜种植', '牲畜饲养'], products: ['小麦', '玉米', '蔬菜'] },
  果园: { scope: ['水果种植', '林果种植及销售'], products: ['红枣', '核桃', '葡萄', '哈密瓜'] },
  面粉加工厂: { scope: ['粮食加工', '食用农产品初加工'], products: ['面粉'] },
  油坊: { scope: ['食用植物油加工'], products: ['食用植物油'] },
  馕坊: { scope: ['食品生产', '糕点制造'], products: ['馕'] },
  食品加工坊: { scope: ['糕点制造', '食品生产'], products: ['糕点'] },
  便利店: { scope: ['日用百货销售', '食品销售', '烟草制品零售'], products: ['日用百货', '预包装食品'] },
  超市: { scope: ['日用百货销售', '食品销售', '烟草制品零售'], products: ['日用百货', '预包装食品'] },
  商店: { scope: ['日用百货销售', '食品销售'], products: ['日用百货', '预包装食品'] },
  五金店: { scope: ['五金产品零售', '建筑材料销售', '日用百货销售'], products: ['五金', '建材'] },
  服装店: { scope: ['服装服饰零售', '鞋帽零售'], products: ['服装'] },
  烟酒店: { scope: ['烟草制品零售', '酒类销售', '食品销售'], products: ['烟酒', '预包装食品'] },
  干果店: { scope: ['食品销售', '农副产品销售', '食用农产品零售'], products: ['干果', '红枣', '核桃'] },
  美发店: { scope: ['理发服务', '生活美容服务', '美发饰品销售'], products: [] },
  洗衣店: { scope: ['洗染服务', '洗烫服务'], products: [] },
  照相馆: { scope: ['摄影扩印服务', '数码影像服务'], products: [] },
  家政服务部: { scope: ['家政服务', '专业保洁、清洗、消毒服务'], products: [] },
  汽修厂: { scope: ['机动车修理和维护', '汽车零配件零售'], products: [] },
  手机维修店: { scope: ['通讯设备修理', '日用电器修理'], products: [] },
  家电维修部: { scope: ['家用电器修理', '日用电器修理'], products: [] },
  诊所: { scope: ['医疗服务', '健康咨询服务（不含诊疗服务）'], products: [] },
  药店: { scope: ['药品零售', '医疗器械销售'], products: ['药品'] },
  棋牌室: { scope: ['棋牌室服务', '茶水服务'], products: [] },
  KTV: { scope: ['歌舞娱乐活动', '酒类销售'], products: [] },
};

/** party and state organs, social security, mass organisations and international ones are not enterprises */
const NO_ENTERPRISES: ReadonlySet<string> = new Set(['91', '92', '93', '94', '95', '96', '97']);

/** a division without its own list: its official name gives the words (…品制造, …服务) */
function fallbackVocabulary(code: string): IndustryVocabulary {
  const name = findIndustry(code)?.name ?? '综合服务';
  const core = name.replace(/(业|制造业|服务)$/, '').replace(/和其他.*$/, '').split(/[、，]/)[0] ?? name;
  const manufacturing = /制造|制品|加工|冶炼/.test(name);
  return {
    words: [manufacturing ? '制造' : '服务', core.length <= 4 ? core : core.slice(0, 4)],
    scope: manufacturing ? [`${core}生产`, `${core}销售`] : [`${core}服务`, `${core}相关咨询服务`],
    products: manufacturing ? [core] : [],
    weight: NO_ENTERPRISES.has(code) ? 0 : 0.2,
  };
}

const cache = new Map<string, IndustryVocabulary>();

/** The vocabulary of a stored industry code (a 2-digit 大类, or a 门类 letter: one of its common divisions). */
export function vocabularyOf(code: string): IndustryVocabulary {
  const hit = cache.get(code);
  if (hit) return hit;
  const division = code.length >= 2 && /^\d/.test(code) ? code.slice(0, 2) : (SECTION_DEFAULT[code] ?? '72');
  const entry = V[division];
  const v: IndustryVocabulary = entry ? { ...entry, weight: entry.weight ?? 1 } : fallbackVocabulary(division);
  cache.set(code, v);
  return v;
}

/** a letter-only code (a 门类) reads as its most common division */
const SECTION_DEFAULT: Record<string, string> = {
  A: '01', B: '06', C: '38', D: '44', E: '47', F: '52', G: '54', H: '62', I: '65', J: '67', K: '70', L: '72', M: '75',
  N: '77', O: '80', P: '83', Q: '84', R: '88', S: '95', T: '97',
};

/** the 2-digit divisions a 个体工商户 may be registered in */
export const SHOP_DIVISIONS: readonly string[] = Object.keys(V).filter((k) => (V[k]?.shops?.length ?? 0) > 0);
