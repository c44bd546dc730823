import { signal } from './signal';

export type Lang = 'en' | 'zh';

/** English is the key; Chinese where translated (a missing entry shows English, never a blank). */
const ZH: Record<string, string> = {
  'IT portal': 'IT 门户',
  'Sign in': '登录',
  'Sign out': '退出',
  'Signing in…': '正在登录…',
  'Language': '语言',
  'My equipment': '我的设备',
  'My training': '我的培训',
  'Chat accounts': '聊天账号',
  'Register': '资产台账',
  'Due': '到期事项',
  'Import': '导入',
  'Backup audits': '备份审计',
  'Security findings': '安全发现',
  'Training compliance': '培训合规',
  'Everyone\'s chat links': '所有聊天绑定',
  'Asset tag': '资产编号',
  'Model': '型号',
  'Status': '状态',
  'Category': '类别',
  'Department': '部门',
  'Custodian': '保管人',
  'Location': '位置',
  'Serial number': '序列号',
  'Vendor': '厂商',
  'Report a fault': '报告故障',
  'Summary': '摘要',
  'Description': '描述',
  'Severity': '严重程度',
  'Send': '提交',
  'Fault reported': '故障已报告',
  'Nothing here yet.': '暂无内容。',
  'Course': '课程',
  'Valid until': '有效期至',
  'Next session': '下一期',
  'Enrol': '报名',
  'Cancel enrolment': '取消报名',
  'Enrolled': '已报名',
  'Waitlist position': '候补位置',
  'seats left': '剩余座位',
  'Link a chat account': '绑定聊天账号',
  'Code from the bot': '机器人给出的绑定码',
  'Link': '绑定',
  'Linked': '已绑定',
  'Platform': '平台',
  'Chat user': '聊天用户',
  'Unlink': '解除绑定',
  'Filters': '筛选',
  'Apply': '应用',
  'Next page': '下一页',
  'New asset': '新增资产',
  'Create': '创建',
  'Lifecycle': '生命周期',
  'Move to': '变更为',
  'Check out': '借出',
  'Check in': '归还',
  'Maintenance': '维护',
  'Faults': '故障',
  'Audits': '盘点',
  'History': '历史',
  'Record an audit': '记录盘点',
  'Kind': '类型',
  'Within days': '天内',
  'CSV file or text': 'CSV 文件或文本',
  'Import rows': '导入',
  'Row': '行',
  'Result': '结果',
  'Problems': '问题',
  'Compliance % per run': '每次审计的合规率',
  'Findings by code': '按代码统计的发现',
  'Findings by department': '按部门统计的发现',
  'Run an audit now': '立即审计',
  'Audit started': '审计已开始',
  'Overdue': '已逾期',
  'Deadline': '整改期限',
  'Findings by severity': '按严重程度统计',
  'Compliant': '合规',
  'People': '人数',
  'You are not allowed to see this page.': '你无权查看此页面。',
  'Error': '错误',
  'Note': '备注',
  'Expected return': '预计归还',
  'Signed in as': '当前用户',
  'Record maintenance': '记录维护',
  'Performed on': '执行日期',
  'Performed by': '执行人',
  'Resolve': '解决',
  'Resolution': '解决办法',
  'Root cause': '根本原因',
  'Cause analysis': '原因分析',
};

function initial(): Lang {
  const saved = localStorage.getItem('itops.lang');
  if (saved === 'en' || saved === 'zh') return saved;
  const first = (navigator.languages?.[0] ?? navigator.language ?? 'en').toLowerCase();
  return first.startsWith('zh') ? 'zh' : 'en';
}

export const lang = signal<Lang>(initial());

export function setLang(l: Lang) {
  localStorage.setItem('itops.lang', l); // a display preference, not a credential
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
  lang.set(l);
}

export function t(text: string): string {
  return lang.get() === 'zh' ? (ZH[text] ?? text) : text;
}
