import { Button } from '@nutui/nutui-react-taro';
import { ShieldCheck, Weixin } from '@nutui/icons-react-taro';
import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import './index.scss';
import { COLORS } from '../../styles/colors';
import { scrollToField, type FieldProblem } from '../../utils/forms';

export interface BindValues {
  studentNo: string;
  name: string;
  /** Omitted when left empty: the roster may have no ID digits for this student. */
  idLast6?: string;
}

interface Props {
  /** False for an anonymous H5 visitor: binding needs a WeChat identity, so only a note is shown. */
  signedIn: boolean;
  busy: boolean;
  /** Resolves with null on success, or the sentence to show under the form (the server's message). */
  onSubmit: (values: BindValues) => Promise<string | null>;
}

const STUDENT_NO = /^[0-9A-Za-z]{6,20}$/;
const ID_LAST6 = /^[0-9]{5}[0-9X]$/;

/**
 * Checks what the server would refuse anyway, so the student hears about a typo before a try is spent; the problem
 * names its field (its hook), which is scrolled to and marked.
 */
function validate(values: BindValues): FieldProblem | null {
  if (!values.studentNo) return { field: 'bind-student-no', message: '请填写学号' };
  if (!STUDENT_NO.test(values.studentNo)) return { field: 'bind-student-no', message: '学号应为 6–20 位数字或字母' };
  if (!values.name) return { field: 'bind-name', message: '请填写姓名' };
  if (values.idLast6 !== undefined && !ID_LAST6.test(values.idLast6)) return { field: 'bind-id-last6', message: '身份证后六位应为 6 位数字，最后一位可为 X' };
  return null;
}

interface FieldProps {
  label: string;
  hook: string;
  value: string;
  placeholder: string;
  maxlength: number;
  type?: 'text' | 'idcard';
  hint?: string;
  /** This field's problem (the form's own check): shown under it, as the form's `.bind-error`. */
  error?: string | null;
  onInput: (value: string) => void;
}

function Field({ label, hook, value, placeholder, maxlength, type = 'text', hint, error, onInput }: FieldProps) {
  return (
    <View className={`bind-card__field ${error ? 'bind-card__field--wrong' : ''}`}>
      <View className='bind-card__row'>
        <Text className='bind-card__label'>{label}</Text>
        <Input
          className={`bind-card__input ${hook}`}
          type={type}
          value={value}
          maxlength={maxlength}
          placeholder={placeholder}
          placeholderClass='bind-card__placeholder'
          onInput={(e) => onInput(e.detail.value)}
        />
      </View>
      {hint ? <Text className='bind-card__hint'>{hint}</Text> : null}
      {error ? <Text className='bind-card__field-error bind-error'>{error}</Text> : null}
    </View>
  );
}

/**
 * 我的, not yet bound: bind this WeChat account to one roster entry by 学号 + 姓名 (+ the ID's last six where the
 * roster has them). An anonymous H5 visitor sees why it cannot be done here instead.
 */
export default function BindStudentCard({ signedIn, busy, onSubmit }: Props) {
  const [studentNo, setStudentNo] = useState('');
  const [name, setName] = useState('');
  const [idLast6, setIdLast6] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<FieldProblem | null>(null);

  if (!signedIn) {
    return (
      <View className='bind-card bind-card--note bind-needs-wechat'>
        <View className='bind-card__note-icon'>
          <Weixin size={22} color={COLORS.wechat} />
        </View>
        <View className='bind-card__note-body'>
          <Text className='bind-card__title'>绑定学号需要微信身份</Text>
          <Text className='bind-card__sub'>请在微信中打开“青年第二课堂”小程序，在“我的”页面绑定学号。网页版可以浏览活动。</Text>
        </View>
      </View>
    );
  }

  function edit(setter: (v: string) => void) {
    return (value: string) => {
      setter(value);
      if (error) setError(null);
      if (problem) setProblem(null);
    };
  }

  async function submit() {
    if (busy) return;
    const id = idLast6.trim().toUpperCase();
    const values: BindValues = { studentNo: studentNo.trim(), name: name.trim(), ...(id ? { idLast6: id } : {}) };
    const invalid = validate(values);
    setProblem(invalid);
    if (invalid) {
      setError(null);
      scrollToField(invalid.field);
      return;
    }
    setError(await onSubmit(values));
  }

  return (
    <View className='bind-card bind-form'>
      <View className='bind-card__head'>
        <ShieldCheck size={18} color={COLORS.brand} />
        <Text className='bind-card__title'>绑定学号</Text>
      </View>
      <Text className='bind-card__sub'>请填写与团支部名单一致的信息，绑定后即可报名活动、累计学分。</Text>

      <View className='bind-card__fields'>
        <Field
          label='学号'
          hook='bind-student-no'
          value={studentNo}
          placeholder='请输入学号'
          maxlength={20}
          error={problem?.field === 'bind-student-no' ? problem.message : null}
          onInput={edit(setStudentNo)}
        />
        <Field
          label='姓名'
          hook='bind-name'
          value={name}
          placeholder='请输入真实姓名'
          maxlength={30}
          error={problem?.field === 'bind-name' ? problem.message : null}
          onInput={edit(setName)}
        />
        <Field
          label='身份证后六位'
          hook='bind-id-last6'
          type='idcard'
          value={idLast6}
          placeholder='名单登记了才需填写'
          maxlength={6}
          hint='名单登记了身份证号才需填写，否则留空；末位可为 X'
          error={problem?.field === 'bind-id-last6' ? problem.message : null}
          onInput={edit(setIdLast6)}
        />
      </View>

      {error ? <Text className='bind-card__error bind-error'>{error}</Text> : null}

      <Button className='bind-card__submit bind-submit' type='primary' block loading={busy} disabled={busy} onClick={() => void submit()}>
        {busy ? '正在绑定…' : '确认绑定'}
      </Button>
      <Text className='bind-card__foot'>一个微信账号只能绑定一个学号，多次填错将暂时锁定。信息有误请联系所在团支部。</Text>
    </View>
  );
}
