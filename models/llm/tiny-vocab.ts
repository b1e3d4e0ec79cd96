/**
 * The tiny test model's vocabulary: the commonest Chinese characters and English words of the demo
 * catalogue (frozen here, so the generated files and their checksums never drift), plus a few words
 * people use when asking. Chinese is tokenised a character at a time, as BERT does.
 */
export const TINY_CHARS = [
  '年期行银存元金保债率款基理利投起资人财用的约取个信险可万回化费和长收动发国大购息',
  '最定高不业中整股市票额值本波益券合现较日公到岁持每产天等净场报类预下旗免币一前随',
  '有主受支能贷付月赎分障在商安以单民交满限上司外短指数活于消品卡或提时重平按管账固',
  '式至周需内次混还家房会小开生工同级出华方汇储政证面风仓招老医享准易要部领低养意赔',
  '承返型比疗绩般计住入机性环疾放稳货位制第七续五参循美考后笔经联之光农实担海点者适',
  '全泰达选为兴寿封康损闭所教税缴育蓄兑卖幅广建手紧超过首子新航身众太富得快户浦装车',
  '销买借向当申体其南夏底府故瑞科置设转退配京创度明电营跟踪邮鑫久亏余力北多微接江添',
  '版病症百评诊份修名嘉权流源健台柜汽涨盈种让跌近速集仅团打扣换积通里钱与作儿博及地',
  '套孩宁密少征悦技控撤旅校欧残求程空网苏获院境洋省绿色三企休但助升双响季学帮张强影',
  '散结融被透阳鹏东价半恒球策请二件优做克务即友园城增备失展弘景板标殊特盖确红纯药覆',
  '轻邦门项顺题龄专先刷厅头宝宾属护抵押无游我想希望'
].join('');

export const TINY_WORDS = `
and from year with cny the of term risk fund income to long in deposit low
for bank management at about china an wealth day up fixed insurance can be on paying
bond return years is it preservation or bonds life high interest principal short value index credit
government expected guaranteed days by growth cash steady investing annual time fee holding insured run asset
large product no early personal moves not card home covered corporate loan market period demand minimum
month maturity flexible retirement money over free only tax that more redemptions three as least plus
equity cover stocks benchmark family markets performance ping savings medium yield pays swings cashback earns rate
each hybrid its mortgage old so balanced icbc pay annuity apply denomination ended open protection revolving
withdrawing medical purchase annualised balances cds deposits grade interbank one working business companies critical esg global
illness mixed series accident advantaged exchange redemption travel you backed both little mainly months draw equal
merchants rewards same share ages cashed cost mobile payment pension qdii renovation actively cmb csi first
industrial usd abc after app branded certificate citic co dated education harvest health held may southern
than tradeable unsecured when car online purchases shanghai allocation cib everyday focused horizon investors losses managed
million modest paid settling shares stock suits treasury any boc energy listed affordable are beijing borrowers
buying cd down equities falls funds green instantly internal issue new next normally overseas rated repaid
rises settle spdb suisse transferable transferred treasuries withdrawn yuan everbright finance fx issuer miles need points
property waived aiming bills bocom bosera built children class closed controlled death disability drawdowns during end
gains general guotai hospital issued jiangsu keeps local locked must ningbo ou parent psbc rates rest
such sustainable through zhong before ccb etf feeder lounge redeemed repayment small want safe withdraw anytime
my looking invest
`
  .trim()
  .split(/\s+/);
